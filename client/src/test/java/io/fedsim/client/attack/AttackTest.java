package io.fedsim.client.attack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.fedsim.core.data.Dataset;
import io.fedsim.core.data.Shard;
import io.fedsim.core.rng.Rng;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class AttackTest {

    private static Attack attack(Attack.Kind kind, double scale, double noiseStd) {
        return new Attack(kind, scale, noiseStd, OptionalDouble.empty());
    }

    @Test
    void signFlipSendsMinusScaleTimesTheUpdate() {
        float[] d = {1f, -0.5f, 0f};
        UpdateAttacks.apply(attack(Attack.Kind.SIGN_FLIP, 4, 1), d, new Rng(0));
        assertThat(d).containsExactly(-4f, 2f, -0f);
    }

    @Test
    void scalingSendsScaleTimesTheUpdate() {
        float[] d = {1f, -0.5f, 0.25f};
        UpdateAttacks.apply(attack(Attack.Kind.SCALING, 10, 1), d, new Rng(0));
        assertThat(d).containsExactly(10f, -5f, 2.5f);
    }

    @Test
    void labelFlipAndLittleIsEnoughLeaveTheClientsUpdateAlone() {
        for (Attack.Kind kind : List.of(Attack.Kind.LABEL_FLIP, Attack.Kind.LITTLE_IS_ENOUGH, Attack.Kind.NONE)) {
            float[] d = {1f, 2f};
            UpdateAttacks.apply(attack(kind, 3, 1), d, new Rng(0));
            assertThat(d).containsExactly(1f, 2f);
        }
    }

    /** Seeded: 20 000 draws of N(0, 0.3^2), mean within 4 standard errors of 0, std within 2%. */
    @Test
    void gaussianReplacesTheUpdateByNoiseOfTheGivenStd() {
        float[] d = new float[20_000];
        java.util.Arrays.fill(d, 5f);
        UpdateAttacks.apply(attack(Attack.Kind.GAUSSIAN, 1, 0.3), d, Rng.derive(1, "attack", 2, 3));
        double sum = 0;
        double sq = 0;
        for (float x : d) {
            sum += x;
            sq += x * x;
        }
        double mean = sum / d.length;
        assertThat(mean).isCloseTo(0, within(4 * 0.3 / Math.sqrt(d.length)));
        assertThat(Math.sqrt(sq / d.length - mean * mean)).isCloseTo(0.3, within(0.006));
    }

    @Test
    void labelFlipReadsEveryLabelAsCMinusOneMinusYAndSharesTheFeatures() {
        Dataset data = new Dataset("d", new float[] {1, 2, 3, 4, 5, 6, 7, 8}, new int[] {0, 1, 2, 3}, 2, 4);
        Dataset flipped = LabelFlip.flipped(data);
        Shard shard = LabelFlip.of(new Shard(data, new int[] {1, 3}), flipped);

        assertThat(flipped.labels()).containsExactly(3, 2, 1, 0);
        assertThat(flipped.features()).isSameAs(data.features());
        assertThat(shard.labelCounts()).containsExactly(1, 0, 1, 0);
        assertThat(data.labels()).containsExactly(0, 1, 2, 3);
    }

    @Test
    void attackerSetIsDrawnOnceFromTheSeedAndHasRoundedFractionMembers() {
        int[] a = Attackers.draw(11, 100, 0.2);
        assertThat(a).hasSize(20).isSorted().doesNotHaveDuplicates();
        assertThat(Attackers.draw(11, 100, 0.2)).containsExactly(a);
        assertThat(Attackers.draw(12, 100, 0.2)).isNotEqualTo(a);
        assertThat(a).containsExactly(Rng.derive(11, "attackers").sampleWithoutReplacement(100, 20));
        assertThat(Attackers.draw(11, 10, 0.25)).hasSize(3); // round(2.5) = 3
        assertThat(Attackers.draw(11, 10, 0)).isEmpty();
    }

    @Test
    void normalQuantileMatchesTables() {
        assertThat(NormalQuantile.of(0.5)).isCloseTo(0, within(1e-9));
        assertThat(NormalQuantile.of(0.975)).isCloseTo(1.959963985, within(1e-8));
        assertThat(NormalQuantile.of(0.6)).isCloseTo(0.2533471031, within(1e-8));
        assertThat(NormalQuantile.of(0.01)).isCloseTo(-2.326347874, within(1e-8));
    }

    @Test
    void zMaxFollowsThePapersFormula() {
        // n = 10, m = 2: s = floor(10 / 2 + 1) - 2 = 4, z = Phi^-1(6 / 10)
        assertThat(LittleIsEnough.zMax(10, 2)).isCloseTo(0.2533471031, within(1e-8));
        // n = 50, m = 10 (the paper's CIFAR setting): s = 16, z = Phi^-1(34 / 50) = 0.4676...
        assertThat(LittleIsEnough.zMax(50, 10)).isCloseTo(0.4676988012, within(1e-8));
        // attackers a majority: capped at (n - 0.5) / n
        assertThat(LittleIsEnough.zMax(4, 3)).isCloseTo(NormalQuantile.of(3.5 / 4), within(1e-12));
    }

    @Test
    void craftSendsMeanMinusZTimesStdOfTheAttackersOwnUpdates() {
        // coordinate 0: values 1, 3 -> mean 2, std 1; coordinate 1: -2, -2 -> mean -2, std 0
        float[] crafted = LittleIsEnough.craft(List.of(new float[] {1f, -2f}, new float[] {3f, -2f}), 1.5);
        assertThat(crafted).containsExactly(0.5f, -2f);
    }
}
