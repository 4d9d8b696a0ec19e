namespace NetGen.Calculus;

/// <summary>The family of random initial weights that suits an activation (see <see cref="ParameterInitializer"/>).</summary>
internal enum WeightInitialization
{
    /// <summary>Glorot/Xavier: uniform in ±√(6 / (fan-in + fan-out)), for activations that are roughly linear near 0.</summary>
    Glorot,
    /// <summary>He: uniform in ±√(6 / fan-in), for the ReLU family, which passes on about half of the signal.</summary>
    He,
}
