package dev.zerowasm.gojs.internal;

import java.nio.channels.ClosedChannelException;
import java.nio.channels.NonReadableChannelException;
import java.nio.channels.NonWritableChannelException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.NotLinkException;
import java.nio.file.ReadOnlyFileSystemException;

/**
 * Maps Java file-system exceptions to Node.js error codes ({@code "ENOENT"}, ...). Every code used
 * here is one Go's {@code syscall.errnoByCode} knows: Go panics on an unknown code.
 */
public final class FsErrors {
  private FsErrors() {}

  /** The Node.js error code for {@code e}. */
  public static String codeOf(Exception e) {
    if (e instanceof NoSuchFileException) {
      return "ENOENT";
    } else if (e instanceof FileAlreadyExistsException) {
      return "EEXIST";
    } else if (e instanceof DirectoryNotEmptyException) {
      return "ENOTEMPTY";
    } else if (e instanceof NotDirectoryException) {
      return "ENOTDIR";
    } else if (e instanceof AccessDeniedException) {
      return "EACCES";
    } else if (e instanceof NotLinkException) {
      return "EINVAL";
    } else if (e instanceof FileSystemLoopException) {
      return "ELOOP";
    } else if (e instanceof ReadOnlyFileSystemException) {
      return "EROFS";
    } else if (e instanceof UnsupportedOperationException) {
      return "ENOTSUP";
    } else if (e instanceof NonReadableChannelException
        || e instanceof NonWritableChannelException
        || e instanceof ClosedChannelException) {
      return "EBADF";
    } else if (e instanceof InvalidPathException || e instanceof IllegalArgumentException) {
      return "EINVAL";
    }
    // The default provider reports most POSIX errors as a FileSystemException whose reason is
    // strerror(errno): map the common ones by that text.
    String reason =
        e instanceof FileSystemException ? ((FileSystemException) e).getReason() : e.getMessage();
    if (reason != null) {
      String[][] table = {
        {"Not a directory", "ENOTDIR"},
        {"Is a directory", "EISDIR"},
        {"Too many levels of symbolic links", "ELOOP"},
        {"Directory not empty", "ENOTEMPTY"},
        {"File exists", "EEXIST"},
        {"Invalid argument", "EINVAL"},
        {"Operation not permitted", "EPERM"},
        {"Read-only file system", "EROFS"},
        {"No space left", "ENOSPC"},
        {"File name too long", "ENAMETOOLONG"},
        {"Invalid cross-device link", "EXDEV"},
        {"Too many links", "EMLINK"},
        {"File too large", "EFBIG"},
        {"Broken pipe", "EPIPE"},
        {"Bad file descriptor", "EBADF"},
        {"No such file", "ENOENT"},
        {"Permission denied", "EACCES"},
      };
      for (String[] row : table) {
        if (reason.contains(row[0])) {
          return row[1];
        }
      }
    }
    return "EIO";
  }
}
