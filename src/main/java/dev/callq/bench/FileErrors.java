package dev.callq.bench;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * A file-system error in words: the JDK's exceptions often carry only the path ("cannot create X: X"), the
 * cause being in the exception's type.
 */
public final class FileErrors {
    private FileErrors() {
    }

    /** Why {@code e} happened, e.g. "X exists and is a regular file, not a folder". */
    public static String cause(IOException e) {
        String path = e instanceof FileSystemException fs && fs.getFile() != null ? fs.getFile() : "";
        if (e instanceof FileAlreadyExistsException) {
            return path + " exists and is a regular file, not a folder";
        }
        if (e instanceof NotDirectoryException) {
            return path + " is a regular file, not a folder";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied on " + path;
        }
        if (e instanceof NoSuchFileException) {
            return path + " does not exist";
        }
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason() + (path.isEmpty() ? "" : " (" + path + ")");
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
