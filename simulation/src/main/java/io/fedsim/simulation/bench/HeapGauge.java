package io.fedsim.simulation.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * The heap in use after garbage collections, for {@code fedsim bench}'s memory figures. Two readings:
 * {@link #afterLatestGc()}, the heap left by the collections the JVM ran of its own accord (from the garbage
 * collectors' notifications: a young collection leaves whatever the old generation holds, garbage promoted since
 * the last full collection included), and {@link #live()}, which forces a full collection and reads what is left:
 * the live set.
 */
interface HeapGauge extends AutoCloseable {

    /** Bytes in use on the heap after the latest collection the JVM chose to run since the last call; -1 if none. */
    long afterLatestGc();

    /** Full collections the JVM chose to run so far. */
    int fullGcs();

    /** Forces a full collection ({@code System.gc()}) and returns the bytes left on the heap; -1 if it was disabled. */
    long live();

    @Override
    void close();

    /** This JVM's gauge: listens to its collectors until closed. */
    static HeapGauge ofThisJvm() {
        return new Jvm();
    }

    /** Reads the collectors' notifications; forced collections are left out of {@link #afterLatestGc()}. */
    final class Jvm implements HeapGauge, NotificationListener {
        private static final String FORCED = "System.gc()";
        private final Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).map(MemoryPoolMXBean::getName).collect(Collectors.toSet());
        private final List<NotificationEmitter> emitters = new ArrayList<>();
        private final AtomicLong latest = new AtomicLong(-1);
        private final AtomicInteger fullGcs = new AtomicInteger();

        private Jvm() {
            for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                if (gc instanceof NotificationEmitter emitter) {
                    emitter.addNotificationListener(this, null, null);
                    emitters.add(emitter);
                }
            }
        }

        @Override
        public void handleNotification(Notification n, Object handback) {
            if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
                return;
            }
            GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
            if (FORCED.equals(info.getGcCause())) {
                return;
            }
            if (info.getGcAction().contains("major")) {
                fullGcs.incrementAndGet();
            }
            latest.set(heapBytes(info.getGcInfo().getMemoryUsageAfterGc()));
        }

        private long heapBytes(Map<String, MemoryUsage> pools) {
            long bytes = 0;
            for (Map.Entry<String, MemoryUsage> e : pools.entrySet()) {
                if (heapPools.contains(e.getKey())) {
                    bytes += e.getValue().getUsed();
                }
            }
            return bytes;
        }

        @Override
        public long afterLatestGc() {
            return latest.getAndSet(-1);
        }

        @Override
        public int fullGcs() {
            return fullGcs.get();
        }

        /**
         * After a full collection every heap pool's collection usage is what that collection left: their sum is the
         * live heap. If the pools' collection counts did not move, System.gc() was disabled and there is no reading.
         */
        @Override
        public long live() {
            long before = collections();
            System.gc();
            if (collections() == before) {
                return -1;
            }
            long bytes = 0;
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == MemoryType.HEAP && pool.getCollectionUsage() != null) {
                    bytes += pool.getCollectionUsage().getUsed();
                }
            }
            return bytes;
        }

        private static long collections() {
            return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(GarbageCollectorMXBean::getCollectionCount).sum();
        }

        @Override
        public void close() {
            for (NotificationEmitter emitter : emitters) {
                try {
                    emitter.removeNotificationListener(this);
                } catch (ListenerNotFoundException e) {
                    // already gone: nothing to undo
                }
            }
        }
    }
}
