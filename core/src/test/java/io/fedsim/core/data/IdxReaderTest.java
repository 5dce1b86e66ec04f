package io.fedsim.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fedsim.core.FedSimException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {
    @TempDir
    Path dir;

    @Test
    void readsRawImagesAsUnsignedBytes() throws IOException {
        Path file = IdxFiles.write(dir, "img", IdxFiles.images(2, 2, 3, 0, 1, 2, 127, 128, 255, 10, 20, 30, 40, 50, 60));
        IdxReader.Images images = IdxReader.readImages(file);
        assertThat(images.count()).isEqualTo(2);
        assertThat(images.rows()).isEqualTo(2);
        assertThat(images.cols()).isEqualTo(3);
        assertThat(images.pixels()).containsExactly(0, 1, 2, 127, 128, 255, 10, 20, 30, 40, 50, 60);
    }

    @Test
    void detectsGzipByContentWhateverTheName() throws IOException {
        byte[] gz = IdxFiles.gzip(IdxFiles.labels(3, 1, 4, 1, 5));
        assertThat(IdxReader.readLabels(IdxFiles.write(dir, "labels.gz", gz))).containsExactly(3, 1, 4, 1, 5);
        assertThat(IdxReader.readLabels(IdxFiles.write(dir, "labels-no-suffix", gz))).containsExactly(3, 1, 4, 1, 5);
    }

    @Test
    void readsImagesAndLabelsIntoADataset() throws IOException {
        Path img = IdxFiles.write(dir, "img.gz", IdxFiles.gzip(IdxFiles.images(3, 1, 2, 1, 2, 3, 4, 5, 6)));
        Path lab = IdxFiles.write(dir, "lab", IdxFiles.labels(9, 0, 4));
        Dataset data = IdxReader.read("tiny", img, lab, 10);
        assertThat(data.size()).isEqualTo(3);
        assertThat(data.numFeatures()).isEqualTo(2);
        assertThat(data.numClasses()).isEqualTo(10);
        assertThat(data.labels()).containsExactly(9, 0, 4);
        assertThat(data.features()).containsExactly(1, 2, 3, 4, 5, 6);
    }

    @Test
    void rejectsALabelFileGivenAsImages() throws IOException {
        Path file = IdxFiles.write(dir, "swapped", IdxFiles.labels(1, 2));
        assertThatThrownBy(() -> IdxReader.readImages(file)).isInstanceOf(FedSimException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("0x00000801 says 1 dimension")
                .hasMessageContaining("expected an IDX image file (magic number 0x00000803");
    }

    @Test
    void rejectsAFileThatIsNotIdx() throws IOException {
        Path file = IdxFiles.write(dir, "text", "hello world, not idx".getBytes());
        assertThatThrownBy(() -> IdxReader.readLabels(file)).isInstanceOf(FedSimException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("magic number 0x68656C6C at byte 0 is not that of an IDX file");
    }

    @Test
    void rejectsATruncatedBodySayingExpectedAndFound() throws IOException {
        byte[] full = IdxFiles.images(2, 2, 3, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
        Path file = IdxFiles.write(dir, "cut.gz", IdxFiles.gzip(Arrays.copyOf(full, full.length - 2)));
        assertThatThrownBy(() -> IdxReader.readImages(file)).isInstanceOf(FedSimException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("truncated: the header announces 2 x 2 x 3 = 12 pixel bytes after the 16-byte "
                        + "header, but only 10 were found");
    }

    @Test
    void rejectsTrailingGarbage() throws IOException {
        byte[] labels = IdxFiles.labels(1, 2, 3);
        byte[] longer = Arrays.copyOf(labels, labels.length + 3);
        Path file = IdxFiles.write(dir, "long", longer);
        assertThatThrownBy(() -> IdxReader.readLabels(file)).isInstanceOf(FedSimException.class)
                .hasMessageContaining("3 unexpected bytes after the data")
                .hasMessageContaining("3 = 3 label bytes after the 8-byte header, but 6 were found");
    }

    @Test
    void rejectsATruncatedHeader() throws IOException {
        Path file = IdxFiles.write(dir, "short", Arrays.copyOf(IdxFiles.images(1, 1, 1, 7), 10));
        assertThatThrownBy(() -> IdxReader.readImages(file)).isInstanceOf(FedSimException.class)
                .hasMessageContaining("header is cut short: 10 bytes, expected 16");
    }

    @Test
    void rejectsADamagedGzipFile() throws IOException {
        byte[] gz = IdxFiles.gzip(IdxFiles.labels(1, 2, 3, 4, 5, 6, 7, 8));
        Path file = IdxFiles.write(dir, "damaged.gz", Arrays.copyOf(gz, gz.length - 6));
        assertThatThrownBy(() -> IdxReader.readLabels(file)).isInstanceOf(FedSimException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("gzip");
    }

    @Test
    void rejectsImageAndLabelCountsThatDisagree() throws IOException {
        Path img = IdxFiles.write(dir, "img", IdxFiles.images(2, 1, 1, 5, 6));
        Path lab = IdxFiles.write(dir, "lab", IdxFiles.labels(1, 2, 3));
        assertThatThrownBy(() -> IdxReader.read("x", img, lab, 10)).isInstanceOf(FedSimException.class)
                .hasMessageContaining(img + " holds 2 images but " + lab + " holds 3 labels");
    }

    @Test
    void rejectsLabelsOutsideTheClasses() throws IOException {
        Path img = IdxFiles.write(dir, "img", IdxFiles.images(2, 1, 1, 5, 6));
        Path lab = IdxFiles.write(dir, "lab", IdxFiles.labels(1, 12));
        assertThatThrownBy(() -> IdxReader.read("x", img, lab, 10)).isInstanceOf(FedSimException.class)
                .hasMessageContaining(lab + ": label 12 of sample 1 (byte offset 9) is not a class index in [0, 10)");
    }

    @Test
    void missingFileIsAUserError() {
        Path file = dir.resolve("nope");
        assertThatThrownBy(() -> IdxReader.readLabels(file)).isInstanceOf(FedSimException.class)
                .hasMessage(file + ": file not found.");
    }
}
