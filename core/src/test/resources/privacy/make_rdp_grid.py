#!/usr/bin/env python3
"""Writes rdp_grid.csv: epsilon of the Poisson-subsampled Gaussian mechanism on a wide grid, computed
independently of FedSim's accountant, to test it against.

FedSim sums Mironov et al.'s series (binomial for integer orders, two erfc series for fractional ones);
this script instead integrates A_alpha = E_{z ~ N(0, sigma^2)} [((1 - q) + q exp((2z - 1) / (2 sigma^2)))^alpha]
numerically with mpmath at 25 digits, then applies the same conversion (Balle et al. 2020) over the same
orders. Run with Debian's python3 and python3-mpmath:  python3 make_rdp_grid.py > rdp_grid.csv
"""
import itertools
import multiprocessing
import mpmath as mp

mp.mp.dps = 25
ORDERS = [1 + mp.mpf(x) / 10 for x in range(1, 100)] + [mp.mpf(a) for a in range(12, 64)]
QS = ["0.0001", "0.001", "0.01", "0.05", "0.2", "0.5", "0.9"]
SIGMAS = ["0.5", "0.8", "1.0", "1.1", "1.3", "2.0", "5.0", "20.0"]
STEPS = [1, 50, 1000, 100000]
DELTAS = ["1e-3", "1e-5", "1e-8"]


def log_a(q, sigma, alpha):
    s2 = sigma * sigma

    def integrand(z):
        ratio = (1 - q) + q * mp.exp((2 * z - 1) / (2 * s2))
        return mp.npdf(z, 0, sigma) * ratio ** alpha

    # the mass sits around 0 (the N(0, sigma^2) density) and, for large alpha, around alpha's tilt:
    # split the line at several points so the quadrature resolves both
    centre = min(alpha, 200) * 1.0
    points = sorted({-mp.inf, -10 * sigma, 0, 0.5, centre * 0.5, centre, 10 * sigma + centre, mp.inf})
    return mp.log(mp.quad(integrand, points))


def rows(pair):
    """The grid rows of one (q, sigma): its RDP curve once, then every (steps, delta)."""
    q_text, sigma_text = pair
    mp.mp.dps = 25
    q, sigma = mp.mpf(q_text), mp.mpf(sigma_text)
    rdp = [log_a(q, sigma, a) / (a - 1) for a in ORDERS]
    out = []
    for steps, delta_text in itertools.product(STEPS, DELTAS):
        delta = mp.mpf(delta_text)
        best, best_order = None, None
        for a, r in zip(ORDERS, rdp):
            eps = steps * r - (mp.log(delta) + mp.log(a)) / (a - 1) + mp.log((a - 1) / a)
            if best is None or eps < best:
                best, best_order = eps, a
        order = mp.nstr(best_order, 3).rstrip("0").rstrip(".") if best_order % 1 else str(int(best_order))
        out.append(f"{q_text},{sigma_text},{steps},{delta_text},{mp.nstr(max(best, 0), 17)},{order}")
    return out


def main():
    print("q,sigma,steps,delta,epsilon,best_order")
    with multiprocessing.Pool() as pool:
        for lines in pool.map(rows, list(itertools.product(QS, SIGMAS))):
            print("\n".join(lines), flush=True)


if __name__ == "__main__":
    main()
