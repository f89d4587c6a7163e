package org.connectdoctor.files;

import java.io.IOException;
import java.nio.file.Path;

/** A path the program would read or write is not a regular file: it is named, never opened. */
public final class NotAFileException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient Path path;
    private final FileKind kind;

    public NotAFileException(Path path, FileKind kind) {
        super(path + " is " + kind.words() + ", not a regular file");
        this.path = path;
        this.kind = kind;
    }

    public Path path() {
        return path;
    }

    public FileKind kind() {
        return kind;
    }
}
