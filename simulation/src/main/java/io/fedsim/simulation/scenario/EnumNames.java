package io.fedsim.simulation.scenario;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** Scenario files spell enum constants in lower case with hyphens: QUANTITY_SKEW is quantity-skew. */
final class EnumNames {
    private EnumNames() {
    }

    static String key(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static <E extends Enum<E>> Optional<E> parse(Class<E> type, String text) {
        return Arrays.stream(type.getEnumConstants()).filter(e -> key(e).equals(text)).findFirst();
    }

    /** "a | b | c", for messages that list what was expected. */
    static String choices(Class<? extends Enum<?>> type) {
        return Arrays.stream(type.getEnumConstants()).map(EnumNames::key).collect(Collectors.joining(" | "));
    }
}
