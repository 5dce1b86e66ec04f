package io.fedsim.core;

/**
 * A problem with what the user gave FedSim: a scenario value, a data file, a command-line argument.
 * The message is shown to the user as it is, without a stack trace, and the CLI exits with code 2; so it
 * must name the file, key or value and say what was expected.
 */
public class FedSimException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public FedSimException(String message) {
        super(message);
    }

    public FedSimException(String message, Throwable cause) {
        super(message, cause);
    }
}
