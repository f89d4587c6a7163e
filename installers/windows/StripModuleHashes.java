import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Removes the ModuleHashes attribute from a module-info.class (java StripModuleHashes.java FILE).
 *
 * java.base records the hashes of the JDK modules it was built with, and jlink refuses a module whose
 * hash differs. The portable Windows runtime (installers/windows/build-portable.sh) links java.base
 * from a jlinked Windows image with pure-Java modules of another build, so its java.base must not
 * tie them to the original build's hashes. Everything else in the class file stays byte for byte.
 */
public final class StripModuleHashes {
    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[0]);
        DataInputStream in = new DataInputStream(Files.newInputStream(file));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(in.readInt()); // magic
        out.writeInt(in.readInt()); // minor, major
        int count = in.readUnsignedShort();
        out.writeShort(count);
        String[] utf8 = new String[count];
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            out.writeByte(tag);
            switch (tag) {
                case 1 -> { utf8[i] = in.readUTF(); out.writeUTF(utf8[i]); }
                case 3, 4, 9, 10, 11, 12, 17, 18 -> out.writeInt(in.readInt());
                case 5, 6 -> { out.writeLong(in.readLong()); i++; }
                case 7, 8, 16, 19, 20 -> out.writeShort(in.readUnsignedShort());
                case 15 -> { out.writeByte(in.readUnsignedByte()); out.writeShort(in.readUnsignedShort()); }
                default -> throw new IOException(file + ": unknown constant-pool tag " + tag);
            }
        }
        out.writeShort(in.readUnsignedShort()); // access flags
        out.writeShort(in.readUnsignedShort()); // this class
        out.writeShort(in.readUnsignedShort()); // super class
        if (in.readUnsignedShort() != 0 || in.readUnsignedShort() != 0 || in.readUnsignedShort() != 0) {
            throw new IOException(file + " is not a module-info.class (it has interfaces, fields or methods)");
        }
        out.writeShort(0);
        out.writeShort(0);
        out.writeShort(0);
        int attributes = in.readUnsignedShort();
        ByteArrayOutputStream kept = new ByteArrayOutputStream();
        DataOutputStream keptOut = new DataOutputStream(kept);
        int keptCount = 0;
        boolean removed = false;
        for (int a = 0; a < attributes; a++) {
            int name = in.readUnsignedShort();
            byte[] body = new byte[in.readInt()];
            in.readFully(body);
            if ("ModuleHashes".equals(utf8[name])) {
                removed = true;
                continue;
            }
            keptOut.writeShort(name);
            keptOut.writeInt(body.length);
            keptOut.write(body);
            keptCount++;
        }
        if (in.read() != -1) {
            throw new IOException(file + ": bytes after the last attribute");
        }
        in.close();
        out.writeShort(keptCount);
        out.write(kept.toByteArray());
        out.flush();
        Files.write(file, bytes.toByteArray());
        System.out.println(file + (removed ? ": ModuleHashes removed" : ": had no ModuleHashes"));
    }
}
