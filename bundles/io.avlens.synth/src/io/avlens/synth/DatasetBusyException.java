package io.avlens.synth;

import java.nio.file.FileSystemException;
import java.nio.file.Path;

/**
 * Another generation is writing into the folder a generation was asked to write to (in this program or another),
 * so this one wrote nothing. {@link #getFile()} is the folder, {@link #getReason()} says what to do in the user's
 * words.
 */
public final class DatasetBusyException extends FileSystemException {

    private static final long serialVersionUID = 1L;

    /**
     * @param folder   the dataset folder
     * @param holder   the process id of the other generation, or empty when unknown (or this program)
     * @param lockFile the lock file that says so
     */
    public DatasetBusyException(Path folder, String holder, Path lockFile) {
        super(folder.toString(), null, "another synth is writing a dataset into this folder right now"
                + (holder.isEmpty() ? "" : " (process " + holder + ")")
                + ": nothing was written; wait for it to finish, or choose another folder (if no synth runs,"
                + " delete " + lockFile.getFileName() + " in it)");
    }
}
