package io.signalbox.routes.storage;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

/** Puts text into the JSON of an audit line, whatever it holds: partners choose their keys, quotes included. */
public final class AuditText {

    private AuditText() {
    }

    /**
     * @param text any text, or {@code null}
     * @return the text as a JSON string literal, quotes and escapes included; the literal {@code null} for none
     */
    public static String quoted(String text) {
        if (text == null) {
            return "null";
        }
        return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(text)) + "\"";
    }
}
