package io.avlens.runner.task;

/** A clip a task could not process; the message names the file and the problem and is shown to users as is. */
public class TaskException extends Exception {

    private static final long serialVersionUID = 1L;

    /** With a message a user can act on. */
    public TaskException(String message) {
        super(message);
    }

    /** With a message a user can act on and its cause. */
    public TaskException(String message, Throwable cause) {
        super(message, cause);
    }
}
