package lodestone.market.lcp;

/**
 * A square matrix in compressed sparse row form, with its columns (compressed sparse column) derived once.
 * The LCPs of a market have about three non-zeros per row, so Lemke reads M only through these arrays:
 * building them is O(non-zeros), where scanning a dense M is O(n²) per LCP.
 */
public final class SparseMatrix {
    final int n;
    final int[] rowStart;
    final int[] colIndex;
    final double[] values;
    final int[] colStart;
    final int[] rowIndex;
    final double[] colValues;

    /**
     * The matrix from its rows: row i holds the entries {@code colIndex[rowStart[i] .. rowStart[i+1]-1]}
     * with values {@code values[...]}, columns ascending within a row. The arrays are used as they are.
     */
    public SparseMatrix(int n, int[] rowStart, int[] colIndex, double[] values) {
        if (rowStart.length != n + 1) throw new IllegalArgumentException("rowStart has " + rowStart.length + " entries, expected " + (n + 1));
        int nnz = rowStart[n];
        if (colIndex.length < nnz || values.length < nnz) throw new IllegalArgumentException("fewer entries than rowStart[n] = " + nnz);
        for (int i = 0; i < n; i++) {
            if (rowStart[i + 1] < rowStart[i]) throw new IllegalArgumentException("rowStart decreases at row " + i);
            for (int k = rowStart[i]; k < rowStart[i + 1]; k++) {
                if (colIndex[k] < 0 || colIndex[k] >= n) throw new IllegalArgumentException("row " + i + ": column " + colIndex[k] + " is outside 0.." + (n - 1));
                if (k > rowStart[i] && colIndex[k] <= colIndex[k - 1]) {
                    throw new IllegalArgumentException("row " + i + ": columns must ascend without repeats, found " + colIndex[k - 1] + " then " + colIndex[k]);
                }
            }
        }
        this.n = n;
        this.rowStart = rowStart;
        this.colIndex = colIndex;
        this.values = values;
        int[] count = new int[n + 1];
        for (int k = 0; k < nnz; k++) count[colIndex[k] + 1]++;
        for (int j = 0; j < n; j++) count[j + 1] += count[j];
        this.colStart = count.clone();
        this.rowIndex = new int[nnz];
        this.colValues = new double[nnz];
        for (int i = 0; i < n; i++) {
            for (int k = rowStart[i]; k < rowStart[i + 1]; k++) {
                int at = count[colIndex[k]]++;
                rowIndex[at] = i;
                colValues[at] = values[k];
            }
        }
    }

    /** The non-zeros of a dense square matrix. */
    public static SparseMatrix of(double[][] m) {
        int n = m.length;
        int nnz = 0;
        for (double[] row : m) for (double v : row) if (v != 0) nnz++;
        int[] start = new int[n + 1];
        int[] col = new int[nnz];
        double[] val = new double[nnz];
        int k = 0;
        for (int i = 0; i < n; i++) {
            double[] row = m[i];
            for (int j = 0; j < row.length; j++) {
                if (row[j] != 0) {
                    col[k] = j;
                    val[k++] = row[j];
                }
            }
            start[i + 1] = k;
        }
        return new SparseMatrix(n, start, col, val);
    }

    public int size() {
        return n;
    }

    public int nonZeros() {
        return rowStart[n];
    }

    /** out = M z + q. */
    void multiplyAdd(double[] z, double[] q, double[] out) {
        for (int i = 0; i < n; i++) {
            double s = q[i];
            for (int k = rowStart[i]; k < rowStart[i + 1]; k++) s += values[k] * z[colIndex[k]];
            out[i] = s;
        }
    }
}
