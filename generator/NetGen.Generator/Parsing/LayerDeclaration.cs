using NetGen.Generator.Diagnostics;
using NetGen.Generator.Model;

namespace NetGen.Generator.Parsing;

/// <summary>
/// A [Dense], [Add], [Conv] or pooling attribute as declared: sources not yet resolved, shapes not yet known.
/// <see cref="Size"/> is a dense layer's neurons or a convolution's filters; the geometry (kernel or window, stride,
/// padding) as given, defaults applied.
/// </summary>
internal sealed record LayerDeclaration(
    string Name,
    LayerKind Kind,
    int Size,
    ActivationKind Activation,
    EquatableArray<string> Sources,
    LocationInfo? Location,
    int KernelHeight = 0,
    int KernelWidth = 0,
    int Stride = 0,
    int Padding = 0);
