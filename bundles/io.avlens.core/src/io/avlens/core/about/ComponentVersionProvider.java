package io.avlens.core.about;

import java.util.List;

/**
 * Whiteboard service: a bundle that brings a component (the platform, DJL and PyTorch, FFmpeg) registers one of
 * these so that its versions appear in the About dialog and in {@code avlens version}.
 */
public interface ComponentVersionProvider {

    /** The versions this provider knows; called on any thread, should be cheap. */
    List<ComponentVersion> versions();
}
