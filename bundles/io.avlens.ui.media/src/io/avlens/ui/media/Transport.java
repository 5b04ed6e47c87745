package io.avlens.ui.media;

/**
 * Playback requests that any media view may post (topic {@link #TOPIC}, payload {@link Request}); the Video view,
 * which owns playback, carries them out. So the keyboard works the same in every time view.
 */
public final class Transport {

    /** Topic of playback requests. */
    public static final String TOPIC = "io/avlens/ui/media/transport";

    /** What to do. */
    public enum Command {
        /** Space: play at normal speed, or pause. */
        TOGGLE,
        /** J: play backwards; again: faster. */
        REVERSE,
        /** K: pause. */
        PAUSE,
        /** L: play forwards; again: faster. */
        FORWARD,
        /** →: one frame later. */
        STEP_FORWARD,
        /** ←: one frame earlier. */
        STEP_BACK
    }

    /**
     * A request for the analysis {@code contextId}.
     *
     * @param contextId the analysis
     * @param command   what to do
     */
    public record Request(String contextId, Command command) {
    }

    private Transport() {
    }

    /** The command a key of the J/K/L, space and arrow convention stands for, or {@code null}. */
    public static Command forKey(int keyCode, char character) {
        switch (keyCode) {
            case org.eclipse.swt.SWT.ARROW_LEFT:
                return Command.STEP_BACK;
            case org.eclipse.swt.SWT.ARROW_RIGHT:
                return Command.STEP_FORWARD;
            default:
                break;
        }
        switch (Character.toLowerCase(character)) {
            case ' ':
                return Command.TOGGLE;
            case 'j':
                return Command.REVERSE;
            case 'k':
                return Command.PAUSE;
            case 'l':
                return Command.FORWARD;
            default:
                return null;
        }
    }
}
