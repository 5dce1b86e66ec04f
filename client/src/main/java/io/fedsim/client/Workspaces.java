package io.fedsim.client;

import io.fedsim.core.model.Model;
import io.fedsim.core.model.ModelWorkspace;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * One {@link ModelWorkspace} per (thread, model), grown when a larger batch is asked for. Clients hold no
 * model: whichever training thread runs a client lends it that thread's workspace, so memory grows with
 * the number of threads, not with the number of clients.
 */
public final class Workspaces {
    private static final ThreadLocal<Map<Model, ModelWorkspace>> PER_THREAD =
            ThreadLocal.withInitial(IdentityHashMap::new);

    private Workspaces() {
    }

    /** This thread's workspace for {@code model}, able to hold batches of at least {@code batchSize}. */
    public static ModelWorkspace forCurrentThread(Model model, int batchSize) {
        Map<Model, ModelWorkspace> mine = PER_THREAD.get();
        ModelWorkspace ws = mine.get(model);
        if (ws == null || ws.maxBatchSize() < batchSize) {
            ws = model.newWorkspace(batchSize);
            mine.put(model, ws);
        }
        return ws;
    }
}
