using System;
using Xunit;

namespace NetGen.Tests.Optimizers;

/// <summary>
/// Acceptance 2: for 30 epochs each schedule gives PyTorch's learning rate — its closed form, and the recursive
/// ("chainable") update its <c>get_lr()</c> applies after each <c>scheduler.step()</c>, written here from PyTorch's
/// formulas — within 1e-12 relative; and warm-up composes with another schedule.
/// </summary>
public sealed class LearningRateScheduleTests
{
    private const double Initial = 0.1;
    private const int Epochs = 30;

    [Fact]
    public void StepLR_is_lr0_times_gamma_to_the_floor_of_epoch_over_step_size()
    {
        var schedule = new StepLR(stepSize: 7, gamma: 0.5);
        double recursive = Initial;
        for (int epoch = 0; epoch < Epochs; epoch++)
        {
            // PyTorch's get_lr(): lr·γ when last_epoch is a multiple of step_size (and not 0), else lr.
            if (epoch > 0 && epoch % 7 == 0) recursive *= 0.5;
            double closed = Initial * Math.Pow(0.5, epoch / 7);
            AssertClose(closed, schedule.LearningRateAt(epoch, Initial), epoch);
            AssertClose(recursive, schedule.LearningRateAt(epoch, Initial), epoch);
        }
        Assert.Equal(0.1, schedule.LearningRateAt(6, Initial));
        Assert.Equal(0.05, schedule.LearningRateAt(7, Initial));
        Assert.Equal(0.0125, schedule.LearningRateAt(21, Initial));
        Assert.Equal(0.1, new StepLR(3).Gamma); // PyTorch's default γ
    }

    [Fact]
    public void ExponentialLR_is_lr0_times_gamma_to_the_epoch()
    {
        var schedule = new ExponentialLR(0.9);
        double recursive = Initial;
        for (int epoch = 0; epoch < Epochs; epoch++)
        {
            if (epoch > 0) recursive *= 0.9; // get_lr(): lr·γ
            AssertClose(Initial * Math.Pow(0.9, epoch), schedule.LearningRateAt(epoch, Initial), epoch);
            AssertClose(recursive, schedule.LearningRateAt(epoch, Initial), epoch);
        }
    }

    [Theory]
    [InlineData(10, 0.001)]
    [InlineData(30, 0.0)]
    [InlineData(7, 0.02)]
    public void CosineAnnealingLR_follows_the_closed_form_at_every_epoch(int tMax, double etaMin)
    {
        var schedule = new CosineAnnealingLR(tMax, etaMin);
        double recursive = Initial;
        for (int epoch = 0; epoch < Epochs; epoch++)
        {
            // η_e = η_min + (η₀ − η_min)·(1 + cos(π·e/T_max))/2
            double closed = etaMin + (Initial - etaMin) * (1 + Math.Cos(Math.PI * epoch / tMax)) / 2;
            // PyTorch's get_lr(): at the trough a special case (the ratio below would divide by 0), else
            // η_e = (1 + cos(πe/T))/(1 + cos(π(e − 1)/T))·(η_{e−1} − η_min) + η_min.
            if (epoch > 0)
            {
                recursive = (epoch - 1 - tMax) % (2 * tMax) == 0
                    ? recursive + (Initial - etaMin) * (1 - Math.Cos(Math.PI / tMax)) / 2
                    : (1 + Math.Cos(Math.PI * epoch / tMax)) / (1 + Math.Cos(Math.PI * (epoch - 1) / tMax)) * (recursive - etaMin) + etaMin;
            }
            double actual = schedule.LearningRateAt(epoch, Initial);
            AssertClose(closed, actual, epoch, floor: 1e-3);
            AssertClose(recursive, actual, epoch, floor: 1e-3);
        }
        Assert.Equal(Initial, schedule.LearningRateAt(0, Initial));
        Assert.Equal(etaMin, schedule.LearningRateAt(tMax, Initial), 15);
        if (tMax % 2 == 0) Assert.Equal((Initial + etaMin) / 2, schedule.LearningRateAt(tMax / 2, Initial), 15);
        Assert.Equal(Initial, schedule.LearningRateAt(2 * tMax, Initial), 15); // past T_max the cosine climbs back
    }

    [Fact]
    public void LinearLR_goes_from_start_factor_to_end_factor_over_total_iters()
    {
        var schedule = new LinearLR(startFactor: 0.25, endFactor: 0.75, totalIters: 4);
        double recursive = Initial * 0.25;
        for (int epoch = 0; epoch < Epochs; epoch++)
        {
            // PyTorch's get_lr(): lr·s at 0; lr unchanged after total_iters; else
            // lr·(1 + (f − s)/(total·s + (e − 1)(f − s))).
            if (epoch > 0 && epoch <= 4) recursive *= 1 + (0.75 - 0.25) / (4 * 0.25 + (epoch - 1) * (0.75 - 0.25));
            double closed = Initial * (0.25 + (0.75 - 0.25) * Math.Min(epoch, 4) / 4);
            AssertClose(closed, schedule.LearningRateAt(epoch, Initial), epoch);
            AssertClose(recursive, schedule.LearningRateAt(epoch, Initial), epoch);
        }
        Assert.Equal(0.025, schedule.LearningRateAt(0, Initial), 15);
        Assert.Equal(0.075, schedule.LearningRateAt(29, Initial), 15);
        var defaults = new LinearLR();
        Assert.Equal((1.0 / 3, 1.0, 5), (defaults.StartFactor, defaults.EndFactor, defaults.TotalIters));
    }

    [Fact]
    public void Warm_up_then_cosine_annealing_is_SequentialLR_of_LinearLR_and_CosineAnnealingLR()
    {
        LearningRateSchedule sequential = new SequentialLR([new LinearLR(0.1, 1.0, 5), new CosineAnnealingLR(25)], [5]);
        LearningRateSchedule warmup = new CosineAnnealingLR(25).WithWarmup(5, startFactor: 0.1);
        for (int epoch = 0; epoch < Epochs; epoch++)
        {
            // e < 5: η₀·(0.1 + 0.9·e/5); e ≥ 5: the cosine from η₀ counted from epoch 5.
            double expected = epoch < 5
                ? Initial * (0.1 + 0.9 * epoch / 5)
                : Initial * (1 + Math.Cos(Math.PI * (epoch - 5) / 25)) / 2;
            AssertClose(expected, sequential.LearningRateAt(epoch, Initial), epoch, floor: 1e-3);
            Assert.Equal(sequential.LearningRateAt(epoch, Initial), warmup.LearningRateAt(epoch, Initial));
        }
        Assert.Equal(Initial, sequential.LearningRateAt(5, Initial));
    }

    [Fact]
    public void SequentialLR_restarts_each_schedule_at_its_milestone()
    {
        var schedule = new SequentialLR([new ExponentialLR(0.5), new StepLR(2, 0.1), new LinearLR(0.5, 1, 2)], [3, 8]);
        double[] expected =
        [
            0.1, 0.05, 0.025,              // ExponentialLR, epochs 0–2
            0.1, 0.1, 0.01, 0.01, 0.001,   // StepLR from 0 at epoch 3
            0.05, 0.075, 0.1, 0.1,         // LinearLR from 0 at epoch 8
        ];
        for (int epoch = 0; epoch < expected.Length; epoch++) AssertClose(expected[epoch], schedule.LearningRateAt(epoch, Initial), epoch);
        Assert.Equal([3, 8], schedule.Milestones);
        Assert.Equal(3, schedule.Schedules.Count);
    }

    [Fact]
    public void Apply_sets_the_optimizers_learning_rate_for_the_epoch()
    {
        var adam = new Adam<float>(4);
        var schedule = new CosineAnnealingLR(10);
        schedule.Apply(adam, 5, 0.002);
        Assert.Equal((float)(0.002 * (1 + Math.Cos(Math.PI / 2)) / 2), adam.LearningRate);
        Assert.Throws<ArgumentNullException>(() => schedule.Apply<float>(null!, 0, 0.1));
    }

    [Fact]
    public void Bad_arguments_are_refused_naming_them()
    {
        void Refused(string paramName, Action action) => Assert.Equal(paramName, Assert.Throws<ArgumentOutOfRangeException>(action).ParamName);
        Refused("stepSize", () => _ = new StepLR(0));
        Refused("gamma", () => _ = new StepLR(5, -0.5));
        Refused("gamma", () => _ = new StepLR(5, double.NaN));
        Refused("gamma", () => _ = new ExponentialLR(double.PositiveInfinity));
        Refused("tMax", () => _ = new CosineAnnealingLR(0));
        Refused("etaMin", () => _ = new CosineAnnealingLR(10, -1e-3));
        Refused("startFactor", () => _ = new LinearLR(0));
        Refused("startFactor", () => _ = new LinearLR(1.5));
        Refused("endFactor", () => _ = new LinearLR(0.5, -0.1));
        Refused("endFactor", () => _ = new LinearLR(0.5, 1.1));
        Refused("totalIters", () => _ = new LinearLR(0.5, 1, 0));
        Refused("epochs", () => new ExponentialLR(0.9).WithWarmup(0));
        Refused("milestones", () => _ = new SequentialLR([new ExponentialLR(0.9), new ExponentialLR(0.8)], [0]));
        Refused("milestones", () => _ = new SequentialLR([new ExponentialLR(0.9), new ExponentialLR(0.8), new ExponentialLR(0.7)], [5, 5]));
        Refused("epoch", () => new ExponentialLR(0.9).LearningRateAt(-1, 0.1));
        Refused("initialLearningRate", () => new ExponentialLR(0.9).LearningRateAt(0, double.NaN));
        Refused("initialLearningRate", () => new ExponentialLR(0.9).LearningRateAt(0, -0.1));
        Assert.Equal("milestones", Assert.Throws<ArgumentException>(() => new SequentialLR([new ExponentialLR(0.9)], [3])).ParamName);
        Assert.Equal("schedules", Assert.Throws<ArgumentException>(() => new SequentialLR([], [])).ParamName);
        Assert.Equal("schedules", Assert.Throws<ArgumentException>(() => new SequentialLR([null!, new ExponentialLR(0.9)], [3])).ParamName);
    }

    private static void AssertClose(double expected, double actual, int epoch, double floor = 0)
    {
        double error = Math.Abs(actual - expected) / Math.Max(Math.Abs(expected), floor * Initial);
        Assert.True(error <= 1e-12, $"epoch {epoch}: expected {expected:R}, got {actual:R} (relative error {error:E2})");
    }
}
