package io.silverback.core.declarative;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

/**
 * Reads a declarative file once, computing Kong's configuration hash (MD5 of the raw bytes) while
 * the parser consumes the stream, so that a large file is never held twice in memory.
 */
final class HashingReader {
  private HashingReader() {}

  record Result(JsonNode tree, Optional<String> md5) {}

  static Result readFile(Path file) {
    DeclarativeReader.Syntax syntax = DeclarativeReader.syntaxOf(file);
    if (Files.isDirectory(file)) {
      throw DeclarativeReadException.file(file + " is a directory, not a declarative file");
    }
    MessageDigest md5 = md5Digest();
    try (InputStream raw = new java.io.BufferedInputStream(Files.newInputStream(file), 1 << 16);
         DigestInputStream in = new DigestInputStream(raw, md5)) {
      // JSON is parsed from bytes (Jackson's fastest path); YAML needs characters
      JsonNode tree = syntax == DeclarativeReader.Syntax.JSON
          ? DeclarativeReader.readJson(in)
          : DeclarativeReader.read(new InputStreamReader(in, StandardCharsets.UTF_8), syntax);
      in.transferTo(java.io.OutputStream.nullOutputStream());
      return new Result(tree, Optional.of(DeclarativeConfigParser.hex(md5.digest())));
    } catch (NoSuchFileException e) {
      throw DeclarativeReadException.file("no such file: " + file);
    } catch (AccessDeniedException e) {
      throw DeclarativeReadException.file("cannot read " + file + ": permission denied");
    } catch (IOException e) {
      throw DeclarativeReadException.file("cannot read " + file + ": "
          + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
    }
  }

  static Optional<String> md5(String text) {
    return Optional.of(DeclarativeConfigParser.hex(md5Digest().digest(text.getBytes(StandardCharsets.UTF_8))));
  }

  private static MessageDigest md5Digest() {
    try {
      return MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks MD5", e);
    }
  }
}
