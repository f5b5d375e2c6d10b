package dev.facekit.image;

/** The image file formats facekit recognises by their first bytes. */
enum ImageFormat {
    JPEG,
    PNG,
    BMP,
    TIFF,
    WEBP,
    PNM,
    UNKNOWN;

    /** Recognises a format from the file's signature. */
    static ImageFormat sniff(byte[] b) {
        if (startsWith(b, 0xFF, 0xD8, 0xFF)) {
            return JPEG;
        }
        if (startsWith(b, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            return PNG;
        }
        if (startsWith(b, 'B', 'M')) {
            return BMP;
        }
        if (startsWith(b, 'I', 'I', 0x2A, 0x00) || startsWith(b, 'M', 'M', 0x00, 0x2A)) {
            return TIFF;
        }
        if (b.length >= 12 && startsWith(b, 'R', 'I', 'F', 'F') && b[8] == 'W' && b[9] == 'E') {
            return WEBP;
        }
        if (b.length >= 2 && b[0] == 'P' && b[1] >= '1' && b[1] <= '6') {
            return PNM;
        }
        return UNKNOWN;
    }

    /**
     * Whether the file stops before its format's end marker. Only JPEG (EOI, FF D9) and PNG (the
     * IEND chunk) have one; trailing padding that some cameras append is tolerated.
     */
    boolean isTruncated(byte[] b) {
        int end = b.length;
        while (end > 0 && (b[end - 1] == 0 || b[end - 1] == '\n' || b[end - 1] == '\r')) {
            end--;
        }
        return switch (this) {
            case JPEG -> end < 4 || !((b[end - 2] & 0xFF) == 0xFF && (b[end - 1] & 0xFF) == 0xD9);
            case PNG -> end < 12 || !(b[end - 8] == 'I' && b[end - 7] == 'E' && b[end - 6] == 'N');
            default -> false;
        };
    }

    private static boolean startsWith(byte[] b, int... prefix) {
        if (b.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((b[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
