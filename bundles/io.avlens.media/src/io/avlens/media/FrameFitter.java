package io.avlens.media;

import static org.bytedeco.ffmpeg.global.avutil.AVCOL_RANGE_JPEG;
import static org.bytedeco.ffmpeg.global.avutil.AV_FRAME_CROP_UNALIGNED;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGRA;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_FLAG_RGB;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_RGB24;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_apply_cropping;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_ref;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;
import static org.bytedeco.ffmpeg.global.avutil.av_get_pix_fmt_name;
import static org.bytedeco.ffmpeg.global.avutil.av_pix_fmt_desc_get;
import static org.bytedeco.ffmpeg.global.swscale.SWS_ACCURATE_RND;
import static org.bytedeco.ffmpeg.global.swscale.SWS_AREA;
import static org.bytedeco.ffmpeg.global.swscale.SWS_BICUBIC;
import static org.bytedeco.ffmpeg.global.swscale.SWS_CS_DEFAULT;
import static org.bytedeco.ffmpeg.global.swscale.SWS_FULL_CHR_H_INT;
import static org.bytedeco.ffmpeg.global.swscale.sws_freeContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getCachedContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getCoefficients;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale;
import static org.bytedeco.ffmpeg.global.swscale.sws_setColorspaceDetails;

import java.nio.ByteOrder;
import java.nio.file.Path;

import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVPixFmtDescriptor;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;

import io.avlens.core.profile.FrameFit;
import io.avlens.media.MediaException.Problem;

/**
 * Converts decoded frames onto a fixed-size RGB canvas in one swscale pass: the crop (by moving the plane
 * pointers, so cut pixels are never read and cannot bleed in), the scaling and the colour conversion (with the
 * frame's own YUV matrix and range). Shrinking averages areas (swscale's area filter, like OpenCV's INTER_AREA:
 * no aliasing, and 3 times cheaper than bicubic, which matters at one conversion per output frame); enlarging is
 * bicubic with full chroma interpolation. For a letterbox only the picture rectangle is written and the bars stay
 * exactly black. Not thread-safe; close it.
 */
final class FrameFitter implements AutoCloseable {

    private static final int SHRINK = SWS_AREA | SWS_ACCURATE_RND;
    private static final int ENLARGE = SWS_BICUBIC | SWS_ACCURATE_RND | SWS_FULL_CHR_H_INT;
    /** Byte value to [0, 1] (never written). */
    private static final float[] UNIT = new float[256];

    static {
        for (int i = 0; i < 256; i++) {
            UNIT[i] = i / 255f;
        }
    }

    /** Slack after the canvas: swscale's vector code may touch a few bytes past a line. */
    private static final int PADDING = 64;

    final int width;
    final int height;
    private final FrameFit fit;
    private final int pixelFormat;
    private final int bytesPerPixel;
    private final BytePointer canvas;
    private final AVFrame view = av_frame_alloc();
    private final IntPointer dstStride;
    private PointerPointer<BytePointer> dst;
    private Placement placement;
    private SwsContext sws;
    private byte[] bytes;

    private FrameFitter(int width, int height, FrameFit fit, int pixelFormat, int bytesPerPixel) {
        this.width = width;
        this.height = height;
        this.fit = fit;
        this.pixelFormat = pixelFormat;
        this.bytesPerPixel = bytesPerPixel;
        this.canvas = new BytePointer((long) width * height * bytesPerPixel + PADDING);
        this.dstStride = new IntPointer(width * bytesPerPixel, 0, 0, 0);
        clear();
    }

    /** A fitter to packed RGB, 3 bytes a pixel. */
    static FrameFitter rgb(int width, int height, FrameFit fit) {
        return new FrameFitter(width, height, fit, AV_PIX_FMT_RGB24, 3);
    }

    /** A fitter to packed ARGB ints (BGRA bytes in little-endian memory), the whole canvas the picture. */
    static FrameFitter argb(int width, int height) {
        return new FrameFitter(width, height, FrameFit.STRETCH, AV_PIX_FMT_BGRA, 4);
    }

    /**
     * Draws {@code frame} onto the canvas.
     *
     * @param pixelAspect width of a source pixel relative to its height
     */
    void draw(AVFrame frame, double pixelAspect, Path file) throws MediaException {
        Placement p = Placement.of(frame.width(), frame.height(), pixelAspect, width, height, fit);
        if (!p.equals(placement)) {
            placement = p;
            clear();
            dst = new PointerPointer<>(canvas.getPointer(((long) p.y() * width + p.x()) * bytesPerPixel), null, null,
                    null);
        }
        if (av_frame_ref(view, frame) < 0) {
            throw new MediaException(file, Problem.UNREADABLE, "a decoded frame cannot be referenced", null);
        }
        try {
            view.crop_left(p.cropX()).crop_top(p.cropY()).crop_right(frame.width() - p.cropX() - p.cropWidth())
                    .crop_bottom(frame.height() - p.cropY() - p.cropHeight());
            if (av_frame_apply_cropping(view, AV_FRAME_CROP_UNALIGNED) < 0) {
                throw new MediaException(file, Problem.UNREADABLE, "a decoded frame cannot be cropped", null);
            }
            int flags = p.width() <= view.width() && p.height() <= view.height() ? SHRINK : ENLARGE;
            sws = sws_getCachedContext(sws, view.width(), view.height(), view.format(), p.width(), p.height(),
                    pixelFormat, flags, null, null, (DoublePointer) null);
            if (sws == null) {
                throw new MediaException(file, Problem.UNSUPPORTED_CODEC, "frames in pixel format "
                        + av_get_pix_fmt_name(view.format()).getString() + " cannot be converted", null);
            }
            setColourDetails(view);
            sws_scale(sws, view.data(), view.linesize(), 0, view.height(), dst, dstStride);
        } finally {
            av_frame_unref(view);
        }
    }

    /**
     * Tells swscale the frame's YUV matrix and range (its default is BT.601, limited range). Every frame, because
     * the cached context may have been rebuilt; it costs microseconds.
     */
    private void setColourDetails(AVFrame frame) {
        AVPixFmtDescriptor desc = av_pix_fmt_desc_get(frame.format());
        if (desc == null || (desc.flags() & AV_PIX_FMT_FLAG_RGB) != 0) {
            return;
        }
        boolean full = frame.color_range() == AVCOL_RANGE_JPEG
                || av_get_pix_fmt_name(frame.format()).getString().startsWith("yuvj");
        sws_setColorspaceDetails(sws, sws_getCoefficients(frame.colorspace()), full ? 1 : 0,
                sws_getCoefficients(SWS_CS_DEFAULT), 1, 0, 1 << 16, 1 << 16);
    }

    private void clear() {
        long n = (long) width * height * bytesPerPixel;
        Pointer.memset(canvas, 0, n);
        if (bytesPerPixel == 4) {
            for (long i = 3; i < n; i += 4) {
                canvas.put(i, (byte) 0xff); // opaque black
            }
        }
    }

    /** The canvas as RGB floats in [0, 1], written to {@code into} from {@code offset} (RGB fitters only). */
    void copyRgb(float[] into, int offset) {
        int n = width * height * 3;
        if (bytes == null) {
            bytes = new byte[n];
        }
        canvas.get(bytes, 0, n);
        for (int i = 0; i < n; i++) {
            into[offset + i] = UNIT[bytes[i] & 0xff];
        }
    }

    /** The canvas as packed ARGB ints (ARGB fitters only). */
    int[] argb() {
        int[] pixels = new int[width * height];
        canvas.position(0).limit((long) width * height * 4).asByteBuffer().order(ByteOrder.LITTLE_ENDIAN)
                .asIntBuffer().get(pixels);
        canvas.position(0).limit(canvas.capacity());
        return pixels;
    }

    @Override
    public void close() {
        sws_freeContext(sws);
        sws = null;
        av_frame_free(view);
        canvas.close();
        dstStride.close();
    }

    /**
     * Where a source frame goes: the part of it that is read and the rectangle of the canvas it is scaled into.
     * Sizes use the display aspect ratio (pixel aspect applied).
     */
    record Placement(int cropX, int cropY, int cropWidth, int cropHeight, int x, int y, int width, int height) {

        static Placement of(int sourceWidth, int sourceHeight, double pixelAspect, int width, int height,
                FrameFit fit) {
            double source = sourceWidth * pixelAspect / sourceHeight;
            double target = width / (double) height;
            switch (fit) {
            case CENTER_CROP:
                if (source > target) {
                    int w = clamp(Math.round(sourceHeight * target / pixelAspect), sourceWidth);
                    return new Placement((sourceWidth - w) / 2, 0, w, sourceHeight, 0, 0, width, height);
                } else {
                    int h = clamp(Math.round(sourceWidth * pixelAspect / target), sourceHeight);
                    return new Placement(0, (sourceHeight - h) / 2, sourceWidth, h, 0, 0, width, height);
                }
            case LETTERBOX:
                if (source > target) {
                    int h = clamp(Math.round(width / source), height);
                    return new Placement(0, 0, sourceWidth, sourceHeight, 0, (height - h) / 2, width, h);
                } else {
                    int w = clamp(Math.round(height * source), width);
                    return new Placement(0, 0, sourceWidth, sourceHeight, (width - w) / 2, 0, w, height);
                }
            default:
                return new Placement(0, 0, sourceWidth, sourceHeight, 0, 0, width, height);
            }
        }

        private static int clamp(long v, int max) {
            return (int) Math.max(1, Math.min(max, v));
        }
    }
}
