package io.avlens.inference.descriptor;

import java.io.EOFException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.google.gson.JsonIOException;
import com.google.gson.JsonSyntaxException;
import com.google.gson.stream.MalformedJsonException;

/**
 * What is wrong with a JSON text, in words a user reads ("the text ends too early, at line 2, column 1") rather than
 * the parser's exception ("java.io.EOFException: End of input at line 2 column 1 path $.family").
 */
public final class JsonProblems {

    private static final Pattern WHERE = Pattern.compile("line (\\d+) column (\\d+)");
    private static final Pattern CLASS_PREFIX =
            Pattern.compile("^(?:[a-z][\\w]*\\.)+[A-Z]\\w*(?:Exception|Error):\\s*");

    private JsonProblems() {
    }

    /** {@code e} (from parsing or reading JSON) described in words, with the line and column when known. */
    public static String describe(Throwable e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        Throwable cause = e.getCause();
        if (message.isEmpty() && cause != null && cause.getMessage() != null) {
            message = cause.getMessage();
        }
        Matcher m = WHERE.matcher(message);
        String where = m.find() ? " at line " + m.group(1) + ", column " + m.group(2) : "";
        if (cause instanceof EOFException || message.contains("End of input")) {
            return "the JSON text ends too early" + where;
        }
        if (message.startsWith("Not a JSON Object")) {
            return "an object ({...}) was expected where the text has " + message.substring(
                    "Not a JSON Object".length()).replaceFirst("^:\\s*", "");
        }
        if (e instanceof JsonSyntaxException || e instanceof JsonIOException
                || cause instanceof MalformedJsonException) {
            return "the JSON text is not well-formed" + where;
        }
        if (e instanceof NullPointerException) {
            return "a required member is missing";
        }
        if (e instanceof UnsupportedOperationException || e instanceof ClassCastException
                || e instanceof IllegalStateException) {
            return "a member has the wrong kind of value (" + CLASS_PREFIX.matcher(message).replaceFirst("") + ")";
        }
        String plain = CLASS_PREFIX.matcher(message).replaceFirst("");
        return plain.isEmpty() ? e.getClass().getSimpleName() : plain;
    }
}
