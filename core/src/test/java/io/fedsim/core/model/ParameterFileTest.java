package io.fedsim.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fedsim.core.FedSimException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParameterFileTest {

    @Test
    void roundTripsAndHasTheDocumentedLayout(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("model.bin");
        float[] params = {1.5f, -2f, 0f, Float.MIN_VALUE};
        ParameterFile.write(file, params, "logreg 2-2 (\"x\")", "\"round\":3");

        assertThat(ParameterFile.read(file)).containsExactly(params);
        byte[] bytes = Files.readAllBytes(file);
        assertThat(new String(bytes, 0, 8, StandardCharsets.US_ASCII)).isEqualTo("FEDSIMP1");
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int headerLength = b.getInt(8);
        String header = new String(bytes, 12, headerLength, StandardCharsets.UTF_8);
        assertThat(header).contains("\"count\":4", "\"round\":3", "\"dtype\":\"float32\"", "logreg 2-2 (\\\"x\\\")");
        assertThat(b.getFloat(12 + headerLength)).isEqualTo(1.5f);
        assertThat(bytes).hasSize(12 + headerLength + 16);
    }

    @Test
    void rejectsATruncatedFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("model.bin");
        ParameterFile.write(file, new float[] {1, 2, 3}, "m", "");
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 2));
        assertThatThrownBy(() -> ParameterFile.read(file)).isInstanceOf(FedSimException.class)
                .hasMessageContaining("announces 3 parameters but the body holds 2");
    }

    @Test
    void rejectsAFileOfAnotherKind(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("x.bin");
        Files.writeString(file, "hello world, not parameters");
        assertThatThrownBy(() -> ParameterFile.read(file)).isInstanceOf(FedSimException.class)
                .hasMessageContaining("not a FedSim parameter file");
    }
}
