package io.fedsim.simulation.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;

/** The process's memory high-water marks, for {@code fedsim bench}. */
final class MemoryPeaks {
    private MemoryPeaks() {
    }

    /**
     * The sum of the heap pools' peak usage in MB. The pools peak at different moments, so this is an upper bound
     * of the heap ever in use at once (and what a -Xmx must allow for).
     */
    static double heapMb() {
        long bytes = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                bytes += pool.getPeakUsage().getUsed();
            }
        }
        return bytes / 1048576.0;
    }

    /** The resident set's high-water mark (VmHWM) in MB, heap and native memory alike; NaN where /proc is absent. */
    static double rssMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }
}
