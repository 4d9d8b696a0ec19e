using System;
using System.Runtime.CompilerServices;

namespace NetGen;

/// <summary>
/// The activation functions σ that generated code calls, written to be exact and to stay finite for any z.
/// Their derivatives are written out in the generated backward pass, where a reader can check them.
/// </summary>
/// <remarks>
/// A deliberate copy: the runtime's description of each activation for the explanations, the health report and the
/// initialiser is NetGen.Calculus.ActivationFunction (one class per activation); these are the fast scalar forms the
/// emitted code calls, kept apart so that generated code depends on nothing but small static functions.
/// <para>Thread safety: pure static functions; any number of threads may call them at once.</para>
/// </remarks>
public static class Activations
{
    /// <summary>The logistic function σ(z) = 1 / (1 + e^−z).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Sigmoid(float z) => 1f / (1f + MathF.Exp(-z));

    /// <summary>The logistic function σ(z) = 1 / (1 + e^−z).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Sigmoid(double z) => 1.0 / (1.0 + Math.Exp(-z));

    /// <summary>Softplus, ln(1 + e^z), computed as max(z, 0) + ln(1 + e^−|z|) so that it never overflows.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Softplus(float z) => MathF.Max(z, 0f) + MathF.Log(1f + MathF.Exp(-MathF.Abs(z)));

    /// <summary>Softplus, ln(1 + e^z), computed as max(z, 0) + ln(1 + e^−|z|) so that it never overflows.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Softplus(double z) => Math.Max(z, 0.0) + Math.Log(1.0 + Math.Exp(-Math.Abs(z)));
}
