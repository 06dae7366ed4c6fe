package dev.callq.bench.history;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/**
 * E-divisive means change-point detection with Student's t-test for significance, as Apache Otava (formerly
 * Hunter) does it (Fleming et al., "Hunter: Using Change Point Detection to Hunt for Performance Regressions",
 * ICPE 2023): deterministic, where the original's permutation test (Matteson and James 2014) is random.
 * <ol>
 * <li>Split: in windows of {@link #WINDOW} points, each half over the last, repeatedly take the split that
 * maximises the energy statistic Q̂ over the intervals between the change points found so far, and keep it while
 * a t-test between its two sides gives p ≤ a relaxed threshold (10 × the final one, as Otava): "weak" change
 * points.</li>
 * <li>Merge: over the whole series, drop the weakest (the largest p above {@code maxP}; once none is, the
 * smallest change below {@code minChange}) and retest what remains between its neighbours, until every change
 * point passes both.</li>
 * </ol>
 * One departure from Otava: a change point is reported only once each side of it holds at least
 * {@link #MIN_POINTS_A_SIDE} points; the merge drops any with a shorter side first. So one noisy run (a
 * neighbour's burst, a GC pause) never stands as a segment of its own, and a step is named, at the run where it
 * began, once that many runs have been measured after it. (Forbidding short segments in the split instead made
 * a step with too few runs after it show one run early.)
 */
final class EDivisive {
    /** Points per window of the split step: Otava's default, and jhunter's. */
    static final int WINDOW = 50;
    /**
     * The fewest points either side of a reported change point. Picking the best of many splits makes the
     * t-test's p optimistic, most of all beside a short segment: on 2,000 simulated 20-run flat series with 3 %
     * lognormal noise, 3 a side gave a false change point in 0.40 % of series, 4 in 0.15 %, 5 in 0.05 %, while a
     * 20 % step after run 12 was found alone, at run 13, in 98.7 %, 99.1 % and 99.2 % (10 % noise: 1.1 % false
     * with 4 a side, and the step found in 39 %: at p 0.001 twelve and eight runs cannot tell it from that noise).
     */
    static final int MIN_POINTS_A_SIDE = 4;

    private EDivisive() {
    }

    /**
     * The change points of {@code series}, in order.
     *
     * @param maxP      the largest p-value a change point may have (Otava's default 0.001)
     * @param minChange the smallest {@link ChangePoint#magnitude()} worth reporting (0.05 for 5 %)
     */
    static List<ChangePoint> changePoints(double[] series, double maxP, double minChange) {
        List<Integer> indexes = new ArrayList<>(weakChangePoints(series, firstPassP(maxP)));
        while (!indexes.isEmpty()) {
            List<ChangePoint> tested = test(series, indexes);
            List<ChangePoint> unsettled = unsettled(tested, series.length);
            ChangePoint weakest = (unsettled.isEmpty() ? tested : unsettled).stream()
                    .max((a, b) -> Double.compare(a.p(), b.p())).orElseThrow();
            if (unsettled.isEmpty() && weakest.p() <= maxP) {
                weakest = tested.stream().min((a, b) -> Double.compare(a.magnitude(), b.magnitude())).orElseThrow();
                if (weakest.magnitude() >= minChange) {
                    return tested;
                }
            }
            indexes.remove(Integer.valueOf(weakest.index()));
        }
        return List.of();
    }

    /** The change points with fewer than {@link #MIN_POINTS_A_SIDE} points between them and a neighbour or an end. */
    private static List<ChangePoint> unsettled(List<ChangePoint> tested, int length) {
        List<ChangePoint> unsettled = new ArrayList<>();
        for (int i = 0; i < tested.size(); i++) {
            int previous = i == 0 ? 0 : tested.get(i - 1).index();
            int next = i + 1 == tested.size() ? length : tested.get(i + 1).index();
            int index = tested.get(i).index();
            if (index - previous < MIN_POINTS_A_SIDE || next - index < MIN_POINTS_A_SIDE) {
                unsettled.add(tested.get(i));
            }
        }
        return unsettled;
    }

    /** Otava's relaxed threshold for the split step. */
    static double firstPassP(double maxP) {
        return maxP < 0.05 ? maxP * 10 : maxP < 0.5 ? maxP * 2 : maxP;
    }

    /** The split step: windows of {@link #WINDOW}, each half over the last; the union of what each finds. */
    private static TreeSet<Integer> weakChangePoints(double[] series, double p) {
        TreeSet<Integer> found = new TreeSet<>();
        int step = WINDOW / 2;
        int start = 0;
        while (start < series.length) {
            int end = Math.min(start + WINDOW, series.length);
            List<Integer> inWindow = divide(series, start, end, p);
            found.addAll(inWindow);
            start = Math.max(inWindow.isEmpty() ? 0 : inWindow.get(inWindow.size() - 1), start + step);
        }
        return found;
    }

    /** E-divisive on series[from, to): split the most dissimilar interval again while the split is significant. */
    private static List<Integer> divide(double[] series, int from, int to, double p) {
        double[][] distanceSums = distanceSums(series, from, to);
        List<Integer> points = new ArrayList<>();
        while (true) {
            int bestIndex = -1;
            double bestQ = Double.NEGATIVE_INFINITY;
            int bestStart = 0;
            int bestEnd = 0;
            List<Integer> bounds = bounds(from, points, to);
            for (int b = 0; b + 1 < bounds.size(); b++) {
                int start = bounds.get(b);
                int end = bounds.get(b + 1);
                for (int tau = start + 1; tau < end; tau++) {
                    for (int kappa = tau + 1; kappa <= end; kappa++) {
                        double q = q(distanceSums, start - from, tau - from, kappa - from);
                        if (q > bestQ) {
                            bestQ = q;
                            bestIndex = tau;
                            bestStart = start;
                            bestEnd = end;
                        }
                    }
                }
            }
            if (bestIndex < 0) {
                return points;
            }
            ChangePoint candidate = ChangePoint.between(bestIndex, Arrays.copyOfRange(series, bestStart, bestIndex),
                    Arrays.copyOfRange(series, bestIndex, bestEnd));
            if (!(candidate.p() <= p)) {
                return points;
            }
            points.add(bestIndex);
            points.sort(null);
        }
    }

    /**
     * Q̂ of X = z[s, τ) against Y = z[τ, κ) (Matteson and James's divergence with α = 1, scaled by nm / (n + m)):
     * 2/(n+m)·Σ|x−y| − 2m/((n+m)(n−1))·Σ<sub>i&lt;k</sub>|x<sub>i</sub>−x<sub>k</sub>|
     * − 2n/((n+m)(m−1))·Σ<sub>j&lt;k</sub>|y<sub>j</sub>−y<sub>k</sub>|; large when X and Y differ.
     */
    private static double q(double[][] sums, int s, int tau, int kappa) {
        int n = tau - s;
        int m = kappa - tau;
        double between = block(sums, s, tau, tau, kappa);
        double withinX = block(sums, s, tau, s, tau) / 2;
        double withinY = block(sums, tau, kappa, tau, kappa) / 2;
        double q = 2.0 / (n + m) * between;
        if (n > 1) {
            q -= 2.0 * m / ((n + m) * (n - 1.0)) * withinX;
        }
        if (m > 1) {
            q -= 2.0 * n / ((n + m) * (m - 1.0)) * withinY;
        }
        return q;
    }

    /** Prefix sums of |z<sub>i</sub> − z<sub>j</sub>| over series[from, to), for the sum over any block in O(1). */
    private static double[][] distanceSums(double[] series, int from, int to) {
        int n = to - from;
        double[][] sums = new double[n + 1][n + 1];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                sums[i + 1][j + 1] = Math.abs(series[from + i] - series[from + j]) + sums[i][j + 1] + sums[i + 1][j]
                        - sums[i][j];
            }
        }
        return sums;
    }

    /** Σ |z<sub>i</sub> − z<sub>j</sub>| for i in [rowFrom, rowTo), j in [columnFrom, columnTo). */
    private static double block(double[][] sums, int rowFrom, int rowTo, int columnFrom, int columnTo) {
        return sums[rowTo][columnTo] - sums[rowFrom][columnTo] - sums[rowTo][columnFrom] + sums[rowFrom][columnFrom];
    }

    /** Each change point tested between its neighbours (or the series' ends). */
    private static List<ChangePoint> test(double[] series, List<Integer> indexes) {
        List<Integer> bounds = bounds(0, indexes, series.length);
        List<ChangePoint> tested = new ArrayList<>();
        for (int i = 1; i + 1 < bounds.size(); i++) {
            tested.add(ChangePoint.between(bounds.get(i), Arrays.copyOfRange(series, bounds.get(i - 1), bounds.get(i)),
                    Arrays.copyOfRange(series, bounds.get(i), bounds.get(i + 1))));
        }
        return tested;
    }

    private static List<Integer> bounds(int from, List<Integer> points, int to) {
        List<Integer> bounds = new ArrayList<>();
        bounds.add(from);
        bounds.addAll(points);
        bounds.add(to);
        return bounds;
    }
}
