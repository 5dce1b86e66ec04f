package io.fedsim.core.model;

import static org.bytedeco.openblas.global.openblas_nolapack.CblasColMajor;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_sgemm;

import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * A column-major float matrix in an ND4J buffer, prepared once for ND4J's own OpenBLAS binding: a fixed
 * native pointer to its first element, its shape and its leading dimension. The training loop multiplies
 * these with {@code cblas_sgemm} directly, as ND4J's {@code CpuLevel1} does for axpy: ND4J's matrix
 * product op builds a native op context on every call (with a draw from SecureRandom), which costs
 * tens of microseconds per product at the 2NN's B = 10 and makes concurrent training threads contend.
 *
 * @param data points at element (0, 0); holds no memory of its own (the ND4J buffer does, and must outlive it)
 */
record NativeMatrix(FloatPointer data, int rows, int cols, int ld) {

    /**
     * The column-major {@code rows x cols} matrix with leading dimension {@code ld} that starts
     * {@code offset} floats into {@code buffer} (a whole buffer, not a view's: a view's buffer may already
     * start at its offset).
     */
    static NativeMatrix columnMajor(DataBuffer buffer, long offset, int rows, int cols, int ld) {
        if (buffer.dataType() != DataType.FLOAT || ld < rows || offset < 0
                || offset + (long) ld * (cols - 1) + rows > buffer.length()) {
            throw new IllegalArgumentException("a " + rows + "x" + cols + " matrix (ld " + ld + ") at offset " + offset
                    + " does not fit a " + buffer.dataType() + " buffer of " + buffer.length());
        }
        FloatPointer p = new FloatPointer(buffer.addressPointer());
        p.position(offset);
        return new NativeMatrix(p, rows, cols, ld);
    }

    /** Columns {@code [from, to)} of this matrix, over the same memory. */
    NativeMatrix columns(int from, int to) {
        checkRange(from, to, cols);
        FloatPointer p = new FloatPointer(data);
        p.position(data.position() + (long) from * ld);
        return new NativeMatrix(p, rows, to - from, ld);
    }

    /** Rows {@code [from, to)} of this matrix, over the same memory. */
    NativeMatrix rows(int from, int to) {
        checkRange(from, to, rows);
        FloatPointer p = new FloatPointer(data);
        p.position(data.position() + from);
        return new NativeMatrix(p, to - from, cols, ld);
    }

    private static void checkRange(int from, int to, int size) {
        if (from < 0 || to > size || from >= to) {
            throw new IllegalArgumentException("range [" + from + ", " + to + ") of " + size);
        }
    }

    /**
     * The product {@code a * b} cut into {@code pieces} along K: {@code [pieces of a (column ranges), pieces of b
     * (the same row ranges)]}, for {@link #gemmPieces}. Made once and kept: each piece is a pointer object.
     */
    static NativeMatrix[][] splitK(NativeMatrix a, NativeMatrix b, int pieces) {
        int k = a.cols;
        if (b.rows != k || pieces < 1 || pieces > k) {
            throw new IllegalArgumentException("cannot split " + a + " x " + b + " into " + pieces + " along K");
        }
        NativeMatrix[][] out = new NativeMatrix[2][pieces];
        for (int c = 0; c < pieces; c++) {
            int from = (int) ((long) k * c / pieces);
            int to = (int) ((long) k * (c + 1) / pieces);
            out[0][c] = a.columns(from, to);
            out[1][c] = b.rows(from, to);
        }
        return out;
    }

    /** {@code c = sum over pieces of a[i] * b[i]}, the first piece overwriting c and each next one adding to it. */
    static void gemmPieces(NativeMatrix[] a, NativeMatrix[] b, NativeMatrix c) {
        for (int i = 0; i < a.length; i++) {
            gemm(a[i], false, b[i], false, c, 1f, i == 0 ? 0f : 1f);
        }
    }

    /** {@code c = alpha * op(a) * op(b) + beta * c}, op = transpose where asked. */
    static void gemm(NativeMatrix a, boolean transposeA, NativeMatrix b, boolean transposeB, NativeMatrix c,
                     float alpha, float beta) {
        int m = c.rows;
        int n = c.cols;
        int k = transposeA ? a.rows : a.cols;
        if ((transposeA ? a.cols : a.rows) != m || (transposeB ? b.rows : b.cols) != n
                || (transposeB ? b.cols : b.rows) != k) {
            throw new IllegalArgumentException("shapes do not multiply: " + a + (transposeA ? "^T" : "") + " x " + b
                    + (transposeB ? "^T" : "") + " -> " + c);
        }
        cblas_sgemm(CblasColMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
                m, n, k, alpha, a.data, a.ld, b.data, b.ld, beta, c.data, c.ld);
    }

    @Override
    public String toString() {
        return rows + "x" + cols;
    }
}
