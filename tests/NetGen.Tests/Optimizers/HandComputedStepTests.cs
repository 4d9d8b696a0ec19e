using System;
using Xunit;

namespace NetGen.Tests.Optimizers;

/// <summary>
/// Acceptance 1, by hand: the first two steps of a 2-parameter problem for every optimizer and option combination,
/// each expected value written out from the algorithm box with the literal inputs — θ₀ = (1, −2), g₁ = (0.5, −1),
/// g₂ = (−0.25, 0.01) — and literal bias corrections (1 − 0.9, 1 − 0.9·0.9, ...), one parameter at a time.
/// Double precision, within 1e-12 relative.
/// </summary>
public sealed class HandComputedStepTests
{
    private static readonly double[] Theta0 = [1, -2], G1 = [0.5, -1], G2 = [-0.25, 0.01];

    // ---- SGD, γ = 0.1 ----

    [Fact]
    public void Sgd_plain()
    {
        static (double, double) Hand(double theta0, double g1, double g2)
        {
            double theta1 = theta0 - 0.1 * g1;                   // θ₁ = θ₀ − γg₁
            double theta2 = theta1 - 0.1 * g2;                   // θ₂ = θ₁ − γg₂
            return (theta1, theta2);
        }
        Check(new Sgd<double>(2) { LearningRate = 0.1 }, Hand);
    }

    [Fact]
    public void Sgd_weight_decay()
    {
        static (double, double) Hand(double theta0, double g1, double g2)
        {
            double d1 = g1 + 0.2 * theta0;                       // g₁ ← g₁ + λθ₀, λ = 0.2
            double theta1 = theta0 - 0.1 * d1;
            double d2 = g2 + 0.2 * theta1;                       // g₂ ← g₂ + λθ₁
            double theta2 = theta1 - 0.1 * d2;
            return (theta1, theta2);
        }
        Check(new Sgd<double>(2) { LearningRate = 0.1, WeightDecay = 0.2 }, Hand);
    }

    [Fact]
    public void Sgd_momentum()
    {
        static (double, double) Hand(double theta0, double g1, double g2)
        {
            double b1 = g1;                                      // b₁ = g₁ (first step)
            double theta1 = theta0 - 0.1 * b1;
            double b2 = 0.9 * b1 + (1 - 0) * g2;                 // b₂ = μb₁ + (1 − τ)g₂, μ = 0.9, τ = 0
            double theta2 = theta1 - 0.1 * b2;
            return (theta1, theta2);
        }
        Check(new Sgd<double>(2) { LearningRate = 0.1, Momentum = 0.9 }, Hand);
    }

    [Fact]
    public void Sgd_momentum_with_dampening_does_not_dampen_the_first_step()
    {
        static (double, double) Hand(double theta0, double g1, double g2)
        {
            double b1 = g1;                                      // b₁ = g₁, not (1 − τ)g₁
            double theta1 = theta0 - 0.1 * b1;
            double b2 = 0.9 * b1 + (1 - 0.5) * g2;               // b₂ = μb₁ + (1 − τ)g₂, τ = 0.5
            double theta2 = theta1 - 0.1 * b2;
            return (theta1, theta2);
        }
        Check(new Sgd<double>(2) { LearningRate = 0.1, Momentum = 0.9, Dampening = 0.5 }, Hand);
    }

    [Fact]
    public void Sgd_nesterov()
    {
        static (double, double) Hand(double theta0, double g1, double g2)
        {
            double b1 = g1;
            double theta1 = theta0 - 0.1 * (g1 + 0.9 * b1);      // g₁ ← g₁ + μb₁
            double b2 = 0.9 * b1 + g2;
            double theta2 = theta1 - 0.1 * (g2 + 0.9 * b2);      // g₂ ← g₂ + μb₂
            return (theta1, theta2);
        }
        Check(new Sgd<double>(2) { LearningRate = 0.1, Momentum = 0.9, Nesterov = true }, Hand);
    }

    [Fact]
    public void Sgd_momentum_weight_decay()
    {
        static (double, double) Hand(double theta0, double g1, double g2)
        {
            double d1 = g1 + 0.2 * theta0;                       // weight decay before momentum
            double b1 = d1;
            double theta1 = theta0 - 0.1 * b1;
            double d2 = g2 + 0.2 * theta1;
            double b2 = 0.9 * b1 + d2;
            double theta2 = theta1 - 0.1 * b2;
            return (theta1, theta2);
        }
        Check(new Sgd<double>(2) { LearningRate = 0.1, Momentum = 0.9, WeightDecay = 0.2 }, Hand);
    }

    [Fact]
    public void Sgd_momentum_dampening_weight_decay()
    {
        static (double, double) Hand(double theta0, double g1, double g2)
        {
            double d1 = g1 + 0.2 * theta0;
            double b1 = d1;
            double theta1 = theta0 - 0.1 * b1;
            double d2 = g2 + 0.2 * theta1;
            double b2 = 0.9 * b1 + (1 - 0.5) * d2;
            double theta2 = theta1 - 0.1 * b2;
            return (theta1, theta2);
        }
        Check(new Sgd<double>(2) { LearningRate = 0.1, Momentum = 0.9, Dampening = 0.5, WeightDecay = 0.2 }, Hand);
    }

    [Fact]
    public void Sgd_nesterov_weight_decay()
    {
        static (double, double) Hand(double theta0, double g1, double g2)
        {
            double d1 = g1 + 0.2 * theta0;
            double b1 = d1;
            double theta1 = theta0 - 0.1 * (d1 + 0.9 * b1);
            double d2 = g2 + 0.2 * theta1;
            double b2 = 0.9 * b1 + d2;
            double theta2 = theta1 - 0.1 * (d2 + 0.9 * b2);
            return (theta1, theta2);
        }
        Check(new Sgd<double>(2) { LearningRate = 0.1, Momentum = 0.9, Nesterov = true, WeightDecay = 0.2 }, Hand);
    }

    // ---- Adam and AdamW, γ = 0.1, β1 = 0.9, β2 = 0.999, ε = 1e-8 ----

    [Fact]
    public void Adam_plain()
    {
        static (double, double) Hand(double theta0, double g1, double g2)
        {
            double m1 = (1 - 0.9) * g1;                          // m₁ = β1·0 + (1 − β1)g₁
            double v1 = (1 - 0.999) * g1 * g1;                   // v₁ = β2·0 + (1 − β2)g₁²
            double theta1 = theta0 - 0.1 * (m1 / (1 - 0.9)) / (Math.Sqrt(v1 / (1 - 0.999)) + 1e-8);
            double m2 = 0.9 * m1 + (1 - 0.9) * g2;
            double v2 = 0.999 * v1 + (1 - 0.999) * g2 * g2;
            double theta2 = theta1 - 0.1 * (m2 / (1 - 0.9 * 0.9)) / (Math.Sqrt(v2 / (1 - 0.999 * 0.999)) + 1e-8);
            return (theta1, theta2);
        }
        Check(new Adam<double>(2) { LearningRate = 0.1 }, Hand);
    }

    [Fact]
    public void Adam_weight_decay_enters_the_gradient()
    {
        static (double, double) Hand(double theta0, double g1, double g2)
        {
            double d1 = g1 + 0.2 * theta0;                       // g₁ ← g₁ + λθ₀: reaches m and v
            double m1 = (1 - 0.9) * d1;
            double v1 = (1 - 0.999) * d1 * d1;
            double theta1 = theta0 - 0.1 * (m1 / (1 - 0.9)) / (Math.Sqrt(v1 / (1 - 0.999)) + 1e-8);
            double d2 = g2 + 0.2 * theta1;
            double m2 = 0.9 * m1 + (1 - 0.9) * d2;
            double v2 = 0.999 * v1 + (1 - 0.999) * d2 * d2;
            double theta2 = theta1 - 0.1 * (m2 / (1 - 0.9 * 0.9)) / (Math.Sqrt(v2 / (1 - 0.999 * 0.999)) + 1e-8);
            return (theta1, theta2);
        }
        Check(new Adam<double>(2) { LearningRate = 0.1, WeightDecay = 0.2 }, Hand);
    }

    [Fact]
    public void Adam_amsgrad_takes_the_maximum_of_the_raw_second_moment()
    {
        static (double, double) Hand(double theta0, double g1, double g2)
        {
            double m1 = (1 - 0.9) * g1;
            double v1 = (1 - 0.999) * g1 * g1;
            double vMax1 = Math.Max(0, v1);
            double theta1 = theta0 - 0.1 * (m1 / (1 - 0.9)) / (Math.Sqrt(vMax1) / Math.Sqrt(1 - 0.999) + 1e-8);
            double m2 = 0.9 * m1 + (1 - 0.9) * g2;
            double v2 = 0.999 * v1 + (1 - 0.999) * g2 * g2;
            double vMax2 = Math.Max(vMax1, v2);                  // over the raw v, then bias-corrected below
            double theta2 = theta1 - 0.1 * (m2 / (1 - 0.9 * 0.9)) / (Math.Sqrt(vMax2) / Math.Sqrt(1 - 0.999 * 0.999) + 1e-8);
            return (theta1, theta2);
        }
        Check(new Adam<double>(2) { LearningRate = 0.1, AmsGrad = true }, Hand);

        // Parameter 1 (g: −1 then 0.01): v₂ < v₁, so the maximum is in use. Parameter 0 (0.5 then −0.25): the raw v
        // grows (2.5e-4 → 3.1225e-4) while the bias-corrected v̂ falls (0.25 → 0.156), so the documentation's form,
        // max over v̂, would give another θ₂: the test tells the two apart.
        double m2 = 0.9 * (0.1 * 0.5) + 0.1 * -0.25, v1 = 0.001 * 0.25, v2 = 0.999 * v1 + 0.001 * 0.0625;
        double theta1 = 1 - 0.1 * 0.5 / (0.5 + 1e-8);
        double documented = theta1 - 0.1 * (m2 / 0.19) / (Math.Sqrt(Math.Max(v1 / 0.001, v2 / (1 - 0.999 * 0.999))) + 1e-8);
        double implemented = theta1 - 0.1 * (m2 / 0.19) / (Math.Sqrt(Math.Max(v1, v2) / (1 - 0.999 * 0.999)) + 1e-8);
        Assert.True(Math.Abs(documented - implemented) > 1e-3, $"{documented} vs {implemented}");
    }

    [Fact]
    public void Adam_amsgrad_weight_decay()
    {
        static (double, double) Hand(double theta0, double g1, double g2)
        {
            double d1 = g1 + 0.2 * theta0;
            double m1 = (1 - 0.9) * d1;
            double v1 = (1 - 0.999) * d1 * d1;
            double vMax1 = v1;
            double theta1 = theta0 - 0.1 * (m1 / (1 - 0.9)) / (Math.Sqrt(vMax1 / (1 - 0.999)) + 1e-8);
            double d2 = g2 + 0.2 * theta1;
            double m2 = 0.9 * m1 + (1 - 0.9) * d2;
            double v2 = 0.999 * v1 + (1 - 0.999) * d2 * d2;
            double vMax2 = Math.Max(vMax1, v2);
            double theta2 = theta1 - 0.1 * (m2 / (1 - 0.9 * 0.9)) / (Math.Sqrt(vMax2 / (1 - 0.999 * 0.999)) + 1e-8);
            return (theta1, theta2);
        }
        Check(new Adam<double>(2) { LearningRate = 0.1, AmsGrad = true, WeightDecay = 0.2 }, Hand);
    }

    [Fact]
    public void AdamW_decays_the_parameter_before_the_step_not_the_gradient()
    {
        static (double, double) Hand(double theta0, double g1, double g2)
        {
            double decayed0 = theta0 - 0.1 * 0.2 * theta0;       // θ ← θ − γλθ, λ = 0.2
            double m1 = (1 - 0.9) * g1;                          // the gradient itself, no λθ
            double v1 = (1 - 0.999) * g1 * g1;
            double theta1 = decayed0 - 0.1 * (m1 / (1 - 0.9)) / (Math.Sqrt(v1 / (1 - 0.999)) + 1e-8);
            double decayed1 = theta1 - 0.1 * 0.2 * theta1;
            double m2 = 0.9 * m1 + (1 - 0.9) * g2;
            double v2 = 0.999 * v1 + (1 - 0.999) * g2 * g2;
            double theta2 = decayed1 - 0.1 * (m2 / (1 - 0.9 * 0.9)) / (Math.Sqrt(v2 / (1 - 0.999 * 0.999)) + 1e-8);
            return (theta1, theta2);
        }
        Check(new AdamW<double>(2) { LearningRate = 0.1, WeightDecay = 0.2 }, Hand);
    }

    [Fact]
    public void AdamW_amsgrad()
    {
        static (double, double) Hand(double theta0, double g1, double g2)
        {
            double decayed0 = theta0 - 0.1 * 0.2 * theta0;
            double m1 = (1 - 0.9) * g1;
            double v1 = (1 - 0.999) * g1 * g1;
            double vMax1 = v1;
            double theta1 = decayed0 - 0.1 * (m1 / (1 - 0.9)) / (Math.Sqrt(vMax1 / (1 - 0.999)) + 1e-8);
            double decayed1 = theta1 - 0.1 * 0.2 * theta1;
            double m2 = 0.9 * m1 + (1 - 0.9) * g2;
            double v2 = 0.999 * v1 + (1 - 0.999) * g2 * g2;
            double vMax2 = Math.Max(vMax1, v2);
            double theta2 = decayed1 - 0.1 * (m2 / (1 - 0.9 * 0.9)) / (Math.Sqrt(vMax2 / (1 - 0.999 * 0.999)) + 1e-8);
            return (theta1, theta2);
        }
        Check(new AdamW<double>(2) { LearningRate = 0.1, WeightDecay = 0.2, AmsGrad = true }, Hand);
    }

    [Fact]
    public void AdamW_defaults_to_weight_decay_0_01()
    {
        static (double, double) Hand(double theta0, double g1, double g2)
        {
            double decayed0 = theta0 - 0.001 * 0.01 * theta0;    // γ = 0.001, λ = 0.01
            double theta1 = decayed0 - 0.001 * ((1 - 0.9) * g1 / (1 - 0.9)) / (Math.Sqrt((1 - 0.999) * g1 * g1 / (1 - 0.999)) + 1e-8);
            double decayed1 = theta1 - 0.001 * 0.01 * theta1;
            double m2 = 0.9 * (1 - 0.9) * g1 + (1 - 0.9) * g2;
            double v2 = 0.999 * (1 - 0.999) * g1 * g1 + (1 - 0.999) * g2 * g2;
            double theta2 = decayed1 - 0.001 * (m2 / (1 - 0.9 * 0.9)) / (Math.Sqrt(v2 / (1 - 0.999 * 0.999)) + 1e-8);
            return (theta1, theta2);
        }
        Check(new AdamW<double>(2), Hand);
    }

    // ---- RMSprop, γ = 0.01, α = 0.99, ε = 1e-8 ----

    [Fact]
    public void RmsProp_plain()
    {
        static (double, double) Hand(double theta0, double g1, double g2)
        {
            double v1 = (1 - 0.99) * g1 * g1;                    // v₁ = α·0 + (1 − α)g₁²
            double theta1 = theta0 - 0.01 * g1 / (Math.Sqrt(v1) + 1e-8);
            double v2 = 0.99 * v1 + (1 - 0.99) * g2 * g2;
            double theta2 = theta1 - 0.01 * g2 / (Math.Sqrt(v2) + 1e-8);
            return (theta1, theta2);
        }
        Check(new RmsProp<double>(2), Hand);
    }

    [Fact]
    public void RmsProp_weight_decay()
    {
        static (double, double) Hand(double theta0, double g1, double g2)
        {
            double d1 = g1 + 0.2 * theta0;
            double v1 = (1 - 0.99) * d1 * d1;
            double theta1 = theta0 - 0.01 * d1 / (Math.Sqrt(v1) + 1e-8);
            double d2 = g2 + 0.2 * theta1;
            double v2 = 0.99 * v1 + (1 - 0.99) * d2 * d2;
            double theta2 = theta1 - 0.01 * d2 / (Math.Sqrt(v2) + 1e-8);
            return (theta1, theta2);
        }
        Check(new RmsProp<double>(2) { WeightDecay = 0.2 }, Hand);
    }

    [Fact]
    public void RmsProp_momentum_buffer_starts_at_zero()
    {
        static (double, double) Hand(double theta0, double g1, double g2)
        {
            double v1 = (1 - 0.99) * g1 * g1;
            double b1 = 0.9 * 0 + g1 / (Math.Sqrt(v1) + 1e-8);   // b₁ = μ·0 + g₁/(√v₁ + ε)
            double theta1 = theta0 - 0.01 * b1;
            double v2 = 0.99 * v1 + (1 - 0.99) * g2 * g2;
            double b2 = 0.9 * b1 + g2 / (Math.Sqrt(v2) + 1e-8);
            double theta2 = theta1 - 0.01 * b2;
            return (theta1, theta2);
        }
        Check(new RmsProp<double>(2) { Momentum = 0.9 }, Hand);
    }

    [Fact]
    public void RmsProp_centered()
    {
        static (double, double) Hand(double theta0, double g1, double g2)
        {
            double v1 = (1 - 0.99) * g1 * g1;
            double a1 = 0.99 * 0 + (1 - 0.99) * g1;              // ḡ₁ = α·0 + (1 − α)g₁
            double theta1 = theta0 - 0.01 * g1 / (Math.Sqrt(v1 - a1 * a1) + 1e-8);
            double v2 = 0.99 * v1 + (1 - 0.99) * g2 * g2;
            double a2 = 0.99 * a1 + (1 - 0.99) * g2;
            double theta2 = theta1 - 0.01 * g2 / (Math.Sqrt(v2 - a2 * a2) + 1e-8);
            return (theta1, theta2);
        }
        Check(new RmsProp<double>(2) { Centered = true }, Hand);
    }

    [Fact]
    public void RmsProp_centered_momentum()
    {
        static (double, double) Hand(double theta0, double g1, double g2)
        {
            double v1 = (1 - 0.99) * g1 * g1;
            double a1 = (1 - 0.99) * g1;
            double b1 = g1 / (Math.Sqrt(v1 - a1 * a1) + 1e-8);
            double theta1 = theta0 - 0.01 * b1;
            double v2 = 0.99 * v1 + (1 - 0.99) * g2 * g2;
            double a2 = 0.99 * a1 + (1 - 0.99) * g2;
            double b2 = 0.9 * b1 + g2 / (Math.Sqrt(v2 - a2 * a2) + 1e-8);
            double theta2 = theta1 - 0.01 * b2;
            return (theta1, theta2);
        }
        Check(new RmsProp<double>(2) { Centered = true, Momentum = 0.9 }, Hand);
    }

    /// <summary>Two steps of <paramref name="optimizer"/> from θ₀ with g₁ then g₂, against <paramref name="hand"/> applied to each parameter's literal inputs.</summary>
    private static void Check(IOptimizer<double> optimizer, Func<double, double, double, (double Theta1, double Theta2)> hand)
    {
        (double a1, double a2) = hand(1, 0.5, -0.25);   // parameter 0: θ₀ = 1, g₁ = 0.5, g₂ = −0.25
        (double b1, double b2) = hand(-2, -1, 0.01);    // parameter 1: θ₀ = −2, g₁ = −1, g₂ = 0.01
        double[] theta = (double[])Theta0.Clone();
        optimizer.Step(theta, G1);
        OptimizerCases.AssertClose<double>([a1, b1], theta, 1e-12, "θ₁");
        optimizer.Step(theta, G2);
        OptimizerCases.AssertClose<double>([a2, b2], theta, 1e-12, "θ₂");
    }
}
