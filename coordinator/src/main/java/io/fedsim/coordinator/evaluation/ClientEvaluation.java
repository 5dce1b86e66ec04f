package io.fedsim.coordinator.evaluation;

import io.fedsim.client.ClientActor;

/**
 * One client's figures in a federated evaluation: the global model on its local test split and on its
 * local training data. Test figures are NaN when the client has no local test samples.
 *
 * @param samples the client's local test samples
 */
public record ClientEvaluation(int clientId, long samples, double trainLoss, double testLoss, double testAccuracy) {

    public static ClientEvaluation of(ClientActor.Evaluated e) {
        return new ClientEvaluation(e.clientId(), e.test().count(), e.train().meanLoss(), e.test().meanLoss(),
                e.test().accuracy());
    }
}
