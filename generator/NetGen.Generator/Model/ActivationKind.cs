namespace NetGen.Generator.Model;

/// <summary>Mirrors NetGen.Activation (same values); the generator cannot reference the runtime library.</summary>
internal enum ActivationKind
{
    Identity = 0,
    Sigmoid = 1,
    Tanh = 2,
    ReLU = 3,
    LeakyReLU = 4,
    Softplus = 5,
    Softmax = 6,
}
