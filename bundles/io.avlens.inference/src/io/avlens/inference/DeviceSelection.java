package io.avlens.inference;

import java.util.List;

/**
 * Picks the device a model runs on. Pure; implementations of {@link InferenceService} and callers that must
 * choose between several services use the same rule.
 */
public final class DeviceSelection {

    private DeviceSelection() {
    }

    /**
     * The device to use: the requested one when it is available; without a request the first GPU (lowest index),
     * else the CPU.
     *
     * @param available the devices there are (from {@link InferenceService#devices()})
     * @param requested the device asked for, or null for the best available
     * @throws InferenceException when the requested device is not available, or none is (the message lists the
     *                            available devices)
     */
    public static Device choose(List<Device> available, Device requested) throws InferenceException {
        if (available == null || available.isEmpty()) {
            throw new InferenceException("no device is available for inference");
        }
        if (requested != null) {
            if (available.contains(requested)) {
                return requested;
            }
            String hint = requested.isGpu()
                    ? " (a GPU needs a CUDA build of libtorch 2.7.1: set PYTORCH_LIBRARY_PATH and PYTORCH_FLAVOR)"
                    : "";
            throw new InferenceException("device " + requested + " is not available; available: " + available + hint);
        }
        return available.stream().filter(Device::isGpu)
                .min((a, b) -> Integer.compare(a.index(), b.index()))
                .orElse(available.contains(Device.CPU) ? Device.CPU : available.get(0));
    }
}
