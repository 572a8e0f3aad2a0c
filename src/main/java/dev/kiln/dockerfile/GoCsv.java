package dev.kiln.dockerfile;

import java.util.ArrayList;
import java.util.List;

/** The first record of a CSV text as Go's {@code encoding/csv} reads it (quotes, {@code ""} escapes, strict quoting). */
final class GoCsv {
    private GoCsv() {}

    /** The fields of the first non-empty line; IllegalArgumentException for bad quoting or no record. */
    static List<String> firstRecord(String text) {
        String s = text.replace("\r\n", "\n");
        int i = 0;
        while (i < s.length() && s.charAt(i) == '\n') i++;
        if (i >= s.length()) throw new IllegalArgumentException("EOF");
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        while (true) {
            if (i < s.length() && s.charAt(i) == '"') {
                i++;
                while (true) {
                    if (i >= s.length()) throw new IllegalArgumentException("extraneous or missing \" in quoted-field");
                    char c = s.charAt(i++);
                    if (c != '"') {
                        field.append(c);
                    } else if (i < s.length() && s.charAt(i) == '"') {
                        field.append('"');
                        i++;
                    } else if (i >= s.length() || s.charAt(i) == ',' || s.charAt(i) == '\n') {
                        break;
                    } else {
                        throw new IllegalArgumentException("extraneous or missing \" in quoted-field");
                    }
                }
            } else {
                while (i < s.length() && s.charAt(i) != ',' && s.charAt(i) != '\n') {
                    char c = s.charAt(i++);
                    if (c == '"') throw new IllegalArgumentException("bare \" in non-quoted-field");
                    field.append(c);
                }
            }
            fields.add(field.toString());
            field.setLength(0);
            if (i >= s.length() || s.charAt(i) == '\n') return fields;
            i++; // the comma
        }
    }
}
