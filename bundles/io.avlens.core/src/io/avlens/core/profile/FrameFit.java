package io.avlens.core.profile;

/** How a source frame of another aspect ratio is brought to a profile's frame size. */
public enum FrameFit {
    /** Scale so the frame covers the target, then cut the overflow equally on both sides (no bars, no distortion). */
    CENTER_CROP,
    /** Scale so the whole frame fits, then pad with black bars (nothing cut, no distortion). */
    LETTERBOX,
    /** Scale each axis independently (distorts when aspect ratios differ). */
    STRETCH
}
