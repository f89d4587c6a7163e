package org.connectdoctor.explain;

import java.util.List;

/**
 * Errors that describe how a program drives its socket, not the network: say so, and give the
 * sequence connect(2) prescribes for a non-blocking connect.
 */
final class ProgramBugCheck implements Check {

    @Override
    public List<Finding> findings(Situation s) {
        if (!s.is("EINPROGRESS", "EALREADY", "EISCONN", "EBADF", "ENOTSOCK", "EFAULT")) {
            return List.of();
        }
        return List.of(
                new Finding("program", s.key() + " is about how the calling program uses its socket, not about the network "
                        + "or the remote service: the same connection made correctly could well succeed."),
                new Finding("program", "The sequence connect(2) prescribes for a non-blocking socket: connect() returns "
                        + "EINPROGRESS; poll() (or select()) waits until the socket is writable; getsockopt(SO_ERROR) then "
                        + "gives 0 for success or the error of the attempt. Calling connect() again before that gives "
                        + "EALREADY; after success, EISCONN."));
    }
}
