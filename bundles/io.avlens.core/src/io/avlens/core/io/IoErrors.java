package io.avlens.core.io;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.ReadOnlyFileSystemException;

/**
 * An I/O failure in a user's words. File-system exceptions often carry only a path as their message ("/p/runs"),
 * which tells a user nothing; this names the problem (the operating system's reason, such as "No space left on
 * device", or what the exception's type means) and the file. Stateless.
 */
public final class IoErrors {

    private IoErrors() {
    }

    /** E.g. {@code "No space left on device: /p/runs/x/similarity.npy"} or {@code "permission denied: /p"}. */
    public static String describe(IOException e) {
        if (e instanceof FileSystemException fse) {
            String reason = fse.getReason() != null ? fse.getReason() : switch (e) {
                case AccessDeniedException a -> "permission denied";
                case NoSuchFileException n -> "no such file or folder";
                case DirectoryNotEmptyException d -> "a folder that is not empty is in the way";
                case FileAlreadyExistsException f -> "a file is in the way";
                case NotDirectoryException n -> "not a folder";
                default -> e.getClass().getSimpleName();
            };
            return reason + ": " + fse.getFile() + (fse.getOtherFile() != null ? " -> " + fse.getOtherFile() : "");
        }
        if (e.getCause() instanceof ReadOnlyFileSystemException) {
            return "the file system is read-only";
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
