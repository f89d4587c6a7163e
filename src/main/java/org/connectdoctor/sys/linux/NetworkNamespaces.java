package org.connectdoctor.sys.linux;

import org.connectdoctor.sys.*;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * Runs work inside another network namespace (Linux, needs CAP_SYS_ADMIN): a fresh thread
 * enters the namespace with setns(2), runs the task and ends. Only that thread moves; sockets it
 * opens belong to the namespace. Used by tests that need routes or firewall state of their own.
 */
public final class NetworkNamespaces {
    private NetworkNamespaces() {
    }

    /**
     * Calls {@code task} on a thread inside the namespace named by {@code nsFile}
     * (for example /run/netns/NAME from {@code ip netns add NAME}).
     */
    public static <T> T callInside(Path nsFile, Callable<T> task) throws Exception {
        if (!(NativeSockets.system() instanceof LinuxSockets linux)) {
            throw new UnsupportedOperationException("network namespaces exist on Linux only");
        }
        FutureTask<T> future = new FutureTask<>(() -> {
            linux.enterNetworkNamespace(nsFile.toString());
            return task.call();
        });
        Thread t = new Thread(future, "netns " + nsFile.getFileName());
        t.setDaemon(true);
        t.start();
        try {
            return future.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception ex) {
                throw ex;
            }
            throw e;
        }
    }
}
