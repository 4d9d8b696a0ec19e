using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Globalization;
using System.Numerics;

namespace NetGen;

/// <summary>
/// What NetGen's optimizers share, as <c>torch.optim.Optimizer</c> does for PyTorch's: the parameter count, the
/// learning rate, the step count t, the checks of <see cref="Step"/>, and the named state vectors, allocated once and
/// saved or restored through <see cref="IOptimizerState{T}"/>. Only NetGen derives from it; implement
/// <see cref="IOptimizer{T}"/> for an optimizer of your own.
/// </summary>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
/// <remarks>
/// <para>
/// Settings are init properties, checked as they are set (an <see cref="ArgumentOutOfRangeException"/> whose
/// <see cref="ArgumentException.ParamName"/> is the setting). A rule between two settings (Nesterov needs momentum and
/// no dampening) can only be checked once all of them are set: on the first <see cref="Step"/>, <see cref="GetState"/>,
/// <see cref="StateNames"/> or <see cref="Restore"/>, before anything changes. The state vectors are allocated then,
/// once; a warm <see cref="Step"/> allocates nothing.
/// </para>
/// <para>
/// An optimizer is not thread-safe: one thread at a time may call <see cref="Step"/> or set
/// <see cref="LearningRate"/>. Its state belongs to one parameter vector; use one optimizer per network.
/// </para>
/// </remarks>
public abstract class Optimizer<T> : IOptimizerState<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private T _learningRate;
    private ReadOnlyCollection<string>? _stateNames;
    private T[][]? _state;

    /// <summary>Creates an optimizer of <paramref name="parameterCount"/> parameters with the learning rate <paramref name="learningRate"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="parameterCount"/> is less than 1.</exception>
    private protected Optimizer(int parameterCount, T learningRate)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(parameterCount);
        ParameterCount = parameterCount;
        _learningRate = NonNegative(learningRate, nameof(LearningRate));
    }

    /// <inheritdoc/>
    public int ParameterCount { get; }

    /// <summary>The step size γ of the next <see cref="Step"/>; settable between steps (a schedule changes it).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Set to a negative or non-finite value (PyTorch refuses lr &lt; 0).</exception>
    public T LearningRate
    {
        get => _learningRate;
        set => _learningRate = NonNegative(value, nameof(LearningRate));
    }

    /// <inheritdoc/>
    public long StepCount { get; private set; }

    /// <inheritdoc/>
    public abstract string Algorithm { get; }

    /// <inheritdoc/>
    public IReadOnlyList<string> StateNames
    {
        get
        {
            Prepare();
            return _stateNames!;
        }
    }

    /// <inheritdoc/>
    public abstract IReadOnlyList<KeyValuePair<string, double>> Hyperparameters { get; }

    /// <inheritdoc/>
    public ReadOnlySpan<T> GetState(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        Prepare();
        return _state![IndexOfState(name, nameof(name))];
    }

    /// <summary>
    /// One step of the algorithm: t ← t + 1, then the update of the derived class for every parameter, in SIMD lanes.
    /// <paramref name="gradient"/> is read, never written.
    /// </summary>
    /// <exception cref="ArgumentException">A span does not have <see cref="ParameterCount"/> values; nothing has changed.</exception>
    /// <exception cref="ArgumentOutOfRangeException">On the first step: two settings contradict each other (the message names them); nothing has changed.</exception>
    public void Step(Span<T> parameters, ReadOnlySpan<T> gradient)
    {
        NetworkGuard.CheckLength(parameters.Length, ParameterCount, nameof(parameters));
        NetworkGuard.CheckLength(gradient.Length, ParameterCount, nameof(gradient));
        Prepare();
        long step = StepCount + 1;
        Update(parameters, gradient, step);
        StepCount = step;
    }

    /// <inheritdoc/>
    public void Restore(long stepCount, IReadOnlyDictionary<string, ReadOnlyMemory<T>> state)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(stepCount);
        ArgumentNullException.ThrowIfNull(state);
        Prepare();
        foreach (string name in state.Keys) IndexOfState(name, nameof(state));
        foreach (string name in _stateNames!)
        {
            if (!state.TryGetValue(name, out ReadOnlyMemory<T> values))
                throw new ArgumentException($"The state '{name}' is missing; {Algorithm} with these settings has {Names()}.", nameof(state));
            if (values.Length != ParameterCount)
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"The state '{name}' has {values.Length} values; expected {ParameterCount}, one per parameter."), nameof(state));
        }
        for (int k = 0; k < _stateNames.Count; k++) state[_stateNames[k]].Span.CopyTo(_state![k]);
        StepCount = stepCount;
    }

    /// <summary>Checks the rules between settings; throws an <see cref="ArgumentOutOfRangeException"/> naming the setting.</summary>
    private protected virtual void ValidateSettings()
    {
    }

    /// <summary>The names of the state vectors the settings need, in order; each gets <see cref="ParameterCount"/> zeros.</summary>
    private protected abstract string[] CreateStateNames();

    /// <summary>Updates every parameter for step <paramref name="step"/> (t, from 1); the spans have been checked.</summary>
    private protected abstract void Update(Span<T> parameters, ReadOnlySpan<T> gradient, long step);

    /// <summary>The state vector at <paramref name="index"/> of <see cref="CreateStateNames"/>.</summary>
    private protected Span<T> State(int index) => _state![index];

    /// <summary>A learning rate or any setting that must be finite and ≥ 0.</summary>
    private protected static T NonNegative(T value, string setting)
    {
        if (!T.IsFinite(value) || value < T.Zero) Refuse(value, setting, "a finite number ≥ 0");
        return value;
    }

    /// <summary>A setting that must be finite and &gt; 0 (ε).</summary>
    private protected static T Positive(T value, string setting)
    {
        if (!T.IsFinite(value) || value <= T.Zero) Refuse(value, setting, "a finite number > 0");
        return value;
    }

    /// <summary>A decay rate β in [0, 1): β = 1 would make the bias correction 1 − βᵗ zero.</summary>
    private protected static T DecayRate(T value, string setting)
    {
        if (!(value >= T.Zero && value < T.One)) Refuse(value, setting, "in [0, 1)");
        return value;
    }

    /// <summary>A factor in [0, 1].</summary>
    private protected static T Fraction(T value, string setting)
    {
        if (!(value >= T.Zero && value <= T.One)) Refuse(value, setting, "in [0, 1]");
        return value;
    }

    /// <summary>A setting that must only be finite.</summary>
    private protected static T Finite(T value, string setting)
    {
        if (!T.IsFinite(value)) Refuse(value, setting, "finite");
        return value;
    }

    /// <summary>Throws the <see cref="ArgumentOutOfRangeException"/> of a setting.</summary>
    private protected static void Refuse(object? value, string setting, string expected) =>
        throw new ArgumentOutOfRangeException(setting, value, string.Create(CultureInfo.InvariantCulture, $"{setting} must be {expected}."));

    /// <summary>A value of <typeparamref name="T"/> as a double, for <see cref="Hyperparameters"/> and the bias corrections.</summary>
    private protected static double ToDouble(T value) => double.CreateTruncating(value);

    /// <summary>A double (a coefficient computed in double, as PyTorch computes it in Python) as <typeparamref name="T"/>.</summary>
    private protected static T FromDouble(double value) => T.CreateTruncating(value);

    private void Prepare()
    {
        if (_state is not null) return;
        ValidateSettings();
        string[] names = CreateStateNames();
        var state = new T[names.Length][];
        for (int k = 0; k < names.Length; k++) state[k] = new T[ParameterCount];
        _stateNames = Array.AsReadOnly(names);
        _state = state;
    }

    private int IndexOfState(string name, string paramName)
    {
        int index = _stateNames!.IndexOf(name);
        if (index < 0)
            throw new ArgumentException($"{Algorithm} with these settings has no state '{name}'; it has {Names()}.", paramName);
        return index;
    }

    private string Names() => _stateNames!.Count == 0 ? "none" : string.Join(", ", _stateNames);
}
