package dev.facekit.gallery;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.CheckedOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Writes and reads NumPy {@code .npz} archives: a zip file holding one {@code NAME.npy} entry per
 * array, which {@code numpy.load(path, allow_pickle=False)} opens as a mapping from NAME to array.
 *
 * <p>Entries are stored uncompressed, as {@code numpy.savez} does: embeddings barely compress, and
 * stored entries read at disk speed. Compressed ({@code savez_compressed}) archives are read too.
 */
public final class NpzArchive {

    /** A fixed modification time (1 January 2000) so the same arrays give the same bytes. */
    private static final long ENTRY_TIME_MILLIS = 946_684_800_000L;

    private NpzArchive() {}

    /** Writes the arrays, in the map's order, as an archive to the stream (which stays open). */
    public static void write(Map<String, NpyArray> arrays, OutputStream out) throws IOException {
        ZipOutputStream zip = new ZipOutputStream(new BufferedOutputStream(out, 1 << 16));
        for (Map.Entry<String, NpyArray> named : arrays.entrySet()) {
            zip.putNextEntry(storedEntry(named.getKey() + ".npy", named.getValue()));
            NpyFormat.write(named.getValue(), zip);
            zip.closeEntry();
        }
        zip.finish();
        zip.flush();
    }

    /**
     * Reads every {@code .npy} entry of an archive; other entries are ignored.
     *
     * @return the arrays by name (the entry name without {@code .npy}), in archive order
     * @throws NpyFormatException when the file is not a zip archive, is truncated, or holds an
     *     entry that is not an array facekit reads; the message names the entry
     */
    public static Map<String, NpyArray> read(Path file) throws IOException {
        Map<String, NpyArray> arrays = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                if (entry.isDirectory() || !entry.getName().endsWith(".npy")) {
                    continue;
                }
                String name = entry.getName().substring(0, entry.getName().length() - 4);
                arrays.put(name, readEntry(zip, entry, name));
            }
        } catch (ZipException e) {
            throw new NpyFormatException(
                    "not a complete .npz archive (a zip of .npy arrays): the file is truncated,"
                            + " damaged, or of another kind ("
                            + e.getMessage()
                            + ")",
                    e);
        }
        return arrays;
    }

    private static NpyArray readEntry(ZipFile zip, ZipEntry entry, String name) throws IOException {
        try (InputStream in = new BufferedInputStream(zip.getInputStream(entry), 1 << 16)) {
            return NpyFormat.read(in);
        } catch (NpyFormatException e) {
            throw new NpyFormatException("array '" + name + "': " + e.getMessage(), e);
        } catch (ZipException e) {
            throw new NpyFormatException(
                    "array '" + name + "' is damaged (" + e.getMessage() + ")", e);
        }
    }

    /** An uncompressed entry, whose size and checksum must be known before its data. */
    private static ZipEntry storedEntry(String name, NpyArray array) throws IOException {
        CountingSink sink = new CountingSink();
        CheckedOutputStream checksum = new CheckedOutputStream(sink, new CRC32());
        NpyFormat.write(array, checksum);

        ZipEntry entry = new ZipEntry(name);
        entry.setMethod(ZipEntry.STORED);
        entry.setSize(sink.bytes);
        entry.setCompressedSize(sink.bytes);
        entry.setCrc(checksum.getChecksum().getValue());
        entry.setTime(ENTRY_TIME_MILLIS);
        return entry;
    }

    /** Counts bytes and discards them: the first of the two passes over a stored entry. */
    private static final class CountingSink extends OutputStream {
        long bytes;

        @Override
        public void write(int b) {
            bytes++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes += len;
        }
    }
}
