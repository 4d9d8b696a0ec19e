using System;
using System.Collections.Generic;
using System.Numerics;

namespace NetGen;

/// <summary>
/// An optimizer whose state can be saved and restored, so that training resumes bit for bit: the step count t and a
/// few named vectors of one value per parameter (the moments), named as in PyTorch's <c>optimizer.state_dict()</c>.
/// </summary>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
/// <remarks>
/// <para>
/// A checkpoint holds <see cref="Algorithm"/>, <see cref="StepCount"/>, every vector of <see cref="StateNames"/> read
/// with <see cref="GetState"/> (each <see cref="ParameterCount"/> long, in the parameter order of the network), and
/// <see cref="Hyperparameters"/>. To resume, create the optimizer with the same settings, then call
/// <see cref="Restore"/> with the step count and the vectors, and set <see cref="IOptimizer{T}.LearningRate"/> to the
/// saved <c>lr</c> (or to what the schedule gives for the epoch). The next <see cref="IOptimizer{T}.Step"/> then
/// computes exactly what it would have computed without the interruption: the update depends on nothing else.
/// </para>
/// <para>
/// The state names: <see cref="Sgd{T}"/> <c>momentum_buffer</c> (only with momentum); <see cref="Adam{T}"/> and
/// <see cref="AdamW{T}"/> <c>exp_avg</c> (m), <c>exp_avg_sq</c> (v) and, with AmsGrad, <c>max_exp_avg_sq</c>;
/// <see cref="RmsProp{T}"/> <c>square_avg</c> (v), <c>momentum_buffer</c> (only with momentum) and <c>grad_avg</c>
/// (only centered).
/// </para>
/// </remarks>
public interface IOptimizerState<T> : IOptimizer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>The name of the algorithm, as PyTorch names its class: <c>SGD</c>, <c>Adam</c>, <c>AdamW</c>, <c>RMSprop</c>.</summary>
    string Algorithm { get; }

    /// <summary>The number of parameters the optimizer updates: the length of every span and state vector.</summary>
    int ParameterCount { get; }

    /// <summary>The number of steps taken, t of the algorithm (PyTorch's state <c>step</c>); 0 before the first step.</summary>
    long StepCount { get; }

    /// <summary>The names of the state vectors for the optimizer's settings, in a fixed order (see the remarks of <see cref="IOptimizerState{T}"/>).</summary>
    IReadOnlyList<string> StateNames { get; }

    /// <summary>
    /// The settings as (name, value) pairs with PyTorch's <c>param_groups</c> names (<c>lr</c>, <c>momentum</c>,
    /// <c>weight_decay</c>, ...; the two betas as <c>beta1</c> and <c>beta2</c>; a flag as 1 or 0), for a checkpoint to
    /// record and to check against the optimizer it is loaded into.
    /// </summary>
    IReadOnlyList<KeyValuePair<string, double>> Hyperparameters { get; }

    /// <summary>The current values of the state vector <paramref name="name"/>, one per parameter (zeros before the first step).</summary>
    /// <exception cref="ArgumentException"><paramref name="name"/> is not one of <see cref="StateNames"/>.</exception>
    ReadOnlySpan<T> GetState(string name);

    /// <summary>
    /// Replaces the step count and every state vector with saved ones: <paramref name="state"/> must hold exactly the
    /// names of <see cref="StateNames"/>, each with <see cref="ParameterCount"/> values. Everything is checked before
    /// anything changes.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="stepCount"/> is negative.</exception>
    /// <exception cref="ArgumentException">A name is missing or unknown, or a vector has the wrong length; nothing has changed.</exception>
    void Restore(long stepCount, IReadOnlyDictionary<string, ReadOnlyMemory<T>> state);
}
