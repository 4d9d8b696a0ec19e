using System;
using System.Collections.Generic;

namespace NetGen.Tests.Optimizers;

/// <summary>
/// The test's own optimizers: plain scalar double loops written from the algorithm boxes of PyTorch's documentation
/// (torch.optim.SGD, Adam, AdamW, RMSprop; maximize = false), independent of NetGen's code. The one place where the
/// box is not followed is AmsGrad, where PyTorch's implementation is: the running maximum is taken over the raw second
/// moment v, then bias-corrected (the box takes the maximum of the bias-corrected v̂).
/// </summary>
public static class ReferenceOptimizer
{
    /// <summary>
    /// Runs one step per row of <paramref name="gradients"/> from <paramref name="theta0"/> with the learning rate
    /// <paramref name="learningRates"/>[t − 1] at step t; returns θ after every step and the state after the last, by
    /// PyTorch's state names.
    /// </summary>
    public static (double[][] Thetas, Dictionary<string, double[]> State) Run(
        OptimizerSettings s, double[] theta0, double[][] gradients, double[] learningRates)
    {
        int n = theta0.Length;
        double[] theta = (double[])theta0.Clone();
        var thetas = new double[gradients.Length][];
        // SGD: b (momentum_buffer). Adam/AdamW: m (exp_avg), v (exp_avg_sq), vMax (max_exp_avg_sq).
        // RMSprop: v (square_avg), b (momentum_buffer), gAve (grad_avg). All start at 0.
        double[] b = new double[n], m = new double[n], v = new double[n], vMax = new double[n], gAve = new double[n];
        for (int t = 1; t <= gradients.Length; t++)
        {
            double lr = learningRates[t - 1];
            for (int i = 0; i < n; i++)
            {
                double g = gradients[t - 1][i];
                switch (s.Algorithm)
                {
                    case "SGD":
                        // if λ ≠ 0: g_t ← g_t + λθ_{t−1}
                        if (s.WeightDecay != 0) g += s.WeightDecay * theta[i];
                        if (s.Momentum != 0)
                        {
                            // if t > 1: b_t ← μb_{t−1} + (1 − τ)g_t, else b_t ← g_t
                            b[i] = t > 1 ? s.Momentum * b[i] + (1 - s.Dampening) * g : g;
                            // if nesterov: g_t ← g_t + μb_t, else g_t ← b_t
                            g = s.Nesterov ? g + s.Momentum * b[i] : b[i];
                        }
                        // θ_t ← θ_{t−1} − γg_t
                        theta[i] -= lr * g;
                        break;

                    case "Adam":
                    case "AdamW":
                        if (s.Algorithm == "AdamW")
                        {
                            // θ_t ← θ_{t−1} − γλθ_{t−1}
                            theta[i] -= lr * s.WeightDecay * theta[i];
                        }
                        else if (s.WeightDecay != 0)
                        {
                            // g_t ← g_t + λθ_{t−1}
                            g += s.WeightDecay * theta[i];
                        }
                        // m_t ← β1 m_{t−1} + (1 − β1) g_t;  v_t ← β2 v_{t−1} + (1 − β2) g_t²
                        m[i] = s.Beta1 * m[i] + (1 - s.Beta1) * g;
                        v[i] = s.Beta2 * v[i] + (1 - s.Beta2) * g * g;
                        // m̂_t ← m_t / (1 − β1^t);  v̂_t ← v_t / (1 − β2^t)
                        double mHat = m[i] / (1 - Math.Pow(s.Beta1, t));
                        double vHat = v[i] / (1 - Math.Pow(s.Beta2, t));
                        if (s.AmsGrad)
                        {
                            // PyTorch's implementation: v_max ← max(v_max, v_t) over the raw v, then bias-corrected
                            vMax[i] = Math.Max(vMax[i], v[i]);
                            vHat = vMax[i] / (1 - Math.Pow(s.Beta2, t));
                        }
                        // θ_t ← θ_t − γ m̂_t / (√v̂_t + ε)
                        theta[i] -= lr * mHat / (Math.Sqrt(vHat) + s.Epsilon);
                        break;

                    case "RMSprop":
                        // if λ ≠ 0: g_t ← g_t + λθ_{t−1}
                        if (s.WeightDecay != 0) g += s.WeightDecay * theta[i];
                        // v_t ← αv_{t−1} + (1 − α)g_t²;  ṽ_t ← v_t
                        v[i] = s.Alpha * v[i] + (1 - s.Alpha) * g * g;
                        double vTilde = v[i];
                        if (s.Centered)
                        {
                            // g^ave_t ← g^ave_{t−1} α + (1 − α) g_t;  ṽ_t ← ṽ_t − (g^ave_t)²
                            gAve[i] = gAve[i] * s.Alpha + (1 - s.Alpha) * g;
                            vTilde -= gAve[i] * gAve[i];
                        }
                        if (s.Momentum > 0)
                        {
                            // b_t ← μb_{t−1} + g_t / (√ṽ_t + ε);  θ_t ← θ_{t−1} − γb_t
                            b[i] = s.Momentum * b[i] + g / (Math.Sqrt(vTilde) + s.Epsilon);
                            theta[i] -= lr * b[i];
                        }
                        else
                        {
                            // θ_t ← θ_{t−1} − γ g_t / (√ṽ_t + ε)
                            theta[i] -= lr * g / (Math.Sqrt(vTilde) + s.Epsilon);
                        }
                        break;

                    default:
                        throw new ArgumentException($"Unknown algorithm '{s.Algorithm}'.", nameof(s));
                }
            }
            thetas[t - 1] = (double[])theta.Clone();
        }

        var state = new Dictionary<string, double[]>();
        switch (s.Algorithm)
        {
            case "SGD":
                if (s.Momentum != 0) state["momentum_buffer"] = b;
                break;
            case "Adam" or "AdamW":
                state["exp_avg"] = m;
                state["exp_avg_sq"] = v;
                if (s.AmsGrad) state["max_exp_avg_sq"] = vMax;
                break;
            case "RMSprop":
                state["square_avg"] = v;
                if (s.Momentum > 0) state["momentum_buffer"] = b;
                if (s.Centered) state["grad_avg"] = gAve;
                break;
        }
        return (thetas, state);
    }
}
