package io.fedsim.simulation.scenario;

import java.util.List;
import java.util.Objects;

/**
 * The model every client trains.
 *
 * @param hidden hidden layer widths; non-empty for an MLP, empty for logistic regression
 */
public record ModelSpec(Type type, List<Integer> hidden) {

    public enum Type { MLP, LOGREG }

    public ModelSpec {
        Objects.requireNonNull(type, "type");
        hidden = List.copyOf(hidden);
        new Checks()
                .require(type != Type.MLP || !hidden.isEmpty(), "model.hidden",
                        "must list at least one layer width for type mlp, was []")
                .require(type != Type.LOGREG || hidden.isEmpty(), "model.hidden",
                        "applies only to type mlp (model.type is logreg), was " + hidden.toString().replace(" ", ""))
                .require(hidden.stream().allMatch(width -> width >= 1), "model.hidden",
                        "layer widths must be >= 1, was " + hidden.toString().replace(" ", ""))
                .done();
    }
}
