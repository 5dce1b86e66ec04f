package io.fedsim.coordinator;

import io.fedsim.client.Workspaces;
import io.fedsim.core.data.Dataset;
import io.fedsim.core.model.Evaluation;
import io.fedsim.core.model.Model;

/** Central evaluation: the global model on the held-out test set. */
public final class Evaluator {
    private static final int BATCH = 500;

    private final Model model;
    private final Dataset test;

    public Evaluator(Model model, Dataset test) {
        this.model = model;
        this.test = test;
    }

    public Evaluation evaluate(float[] params) {
        var ws = Workspaces.forCurrentThread(model, BATCH);
        ws.setParameters(params);
        return ws.evaluate(test, null);
    }
}
