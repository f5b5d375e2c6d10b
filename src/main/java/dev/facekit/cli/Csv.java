package dev.facekit.cli;

/** Quoting for CSV fields that the commands print. */
final class Csv {

    private Csv() {}

    /** The field as it is, or quoted when it holds a comma, a quote or a line break. */
    static String field(String value) {
        if (value.contains(",") || value.contains("\"") || value.contains("\n")) {
            return "\"" + value.replace("\"", "\"\"") + "\"";
        }
        return value;
    }
}
