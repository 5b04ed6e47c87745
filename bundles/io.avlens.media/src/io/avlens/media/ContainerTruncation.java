package io.avlens.media;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/**
 * Whether an MP4/QuickTime file (ISO base media: {@code .mp4}, {@code .mov}, {@code .m4a}) was cut short: its
 * top-level boxes state their sizes, so a file that ends inside one, or that has no index ({@code moov} box), is
 * truncated or damaged, whatever FFmpeg makes of it. Reads a few box headers only. Stateless.
 */
final class ContainerTruncation {

    private ContainerTruncation() {
    }

    /**
     * What is wrong with {@code file} when it is an ISO base media file that is cut short or has no index, in words
     * ("its MP4/QuickTime boxes run to byte … but the file ends at byte …"); null when it is whole or of another
     * kind, or cannot be read (the caller reports that).
     */
    static String describe(Path file) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            ByteBuffer header = ByteBuffer.allocate(16);
            long offset = 0;
            boolean index = false;
            while (offset + 8 <= size) {
                header.clear().limit(16);
                channel.read(header, offset);
                header.flip();
                if (header.remaining() < 8) {
                    break;
                }
                long boxSize = Integer.toUnsignedLong(header.getInt(0));
                String type = new String(header.array(), 4, 4, StandardCharsets.ISO_8859_1);
                if (offset == 0 && !type.equals("ftyp")) {
                    return null; // not ISO base media
                }
                index |= type.equals("moov");
                if (boxSize == 1 && header.remaining() >= 16) {
                    boxSize = header.getLong(8);
                } else if (boxSize == 0) {
                    boxSize = size - offset; // the last box runs to the end of the file
                }
                if (boxSize < 8) {
                    return String.format(Locale.ROOT, "its MP4/QuickTime structure is broken at byte %,d", offset);
                }
                if (offset + boxSize > size) {
                    return String.format(Locale.ROOT, "its MP4/QuickTime boxes run to byte %,d but the file ends at"
                            + " byte %,d", offset + boxSize, size);
                }
                offset += boxSize;
            }
            if (offset == 0) {
                return null;
            }
            return index ? null : "it is an MP4/QuickTime file without its index (no moov box)";
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
