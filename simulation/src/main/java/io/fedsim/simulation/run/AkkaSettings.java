package io.fedsim.simulation.run;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;

/** The actor system's configuration for one run: SLF4J logging, and the training dispatcher. */
public final class AkkaSettings {
    /** Client actors run here: a fixed pool, one thread per core unless the scenario says otherwise. */
    public static final String TRAINING_DISPATCHER = "fedsim.training-dispatcher";

    private AkkaSettings() {
    }

    public static Config forRun(int trainingThreads) {
        int threads = trainingThreads > 0 ? trainingThreads : Runtime.getRuntime().availableProcessors();
        String text = """
                akka {
                  loggers = ["akka.event.slf4j.Slf4jLogger"]
                  logging-filter = "akka.event.slf4j.Slf4jLoggingFilter"
                  loglevel = "INFO"
                  stdout-loglevel = "OFF"
                  log-dead-letters = 0
                  log-dead-letters-during-shutdown = off
                  jvm-shutdown-hooks = off
                  coordinated-shutdown.run-by-jvm-shutdown-hook = off
                }
                fedsim.training-dispatcher {
                  type = Dispatcher
                  executor = "thread-pool-executor"
                  thread-pool-executor.fixed-pool-size = %d
                  throughput = 1
                }
                """.formatted(threads);
        return ConfigFactory.parseString(text).withFallback(ConfigFactory.defaultReference());
    }
}
