package io.signalbox.app.download;

import java.nio.charset.StandardCharsets;

/** {@code Content-Disposition} values (RFC 6266) for file names of any characters. */
final class ContentDisposition {

    private static final String ATTR_CHAR = "!#$&+-.^_`|~";

    private ContentDisposition() {
    }

    /**
     * @param fileName the name to save the file under
     * @return {@code attachment} with the name as a quoted ASCII {@code filename} (other characters, quotes and
     *     backslashes replaced by {@code _}) and, when that lost anything, the exact name as {@code filename*} in
     *     UTF-8 (RFC 8187)
     */
    static String attachment(String fileName) {
        StringBuilder ascii = new StringBuilder();
        fileName.codePoints().forEach(c -> ascii.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\'
                ? (char) c : '_'));
        String value = "attachment; filename=\"" + ascii + "\"";
        return ascii.toString().equals(fileName) ? value : value + "; filename*=UTF-8''" + encoded(fileName);
    }

    private static String encoded(String text) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c < 0x80 && (Character.isLetterOrDigit(c) || ATTR_CHAR.indexOf(c) >= 0)) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }
}
