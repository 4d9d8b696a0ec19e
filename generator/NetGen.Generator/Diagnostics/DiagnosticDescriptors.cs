using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace NetGen.Generator.Diagnostics;

/// <summary>Every diagnostic NetGen reports. IDs are stable: never reuse or renumber one (AnalyzerReleases.*.md tracks them).</summary>
internal static class DiagnosticDescriptors
{
    private const string Category = "NetGen";

    /// <summary>
    /// Where each ID's documentation page lives, relative to the repository root: docs/diagnostics/NG####.md (what triggers
    /// it, a wrong and a right declaration, how to fix it). The project has no public web home yet, so the help link is a
    /// repository path rather than a URL; when it gets one, make this the absolute address of the same folder.
    /// </summary>
    public const string HelpLinkBase = "docs/diagnostics/";

    public static readonly DiagnosticDescriptor ClassNotPartial = Error("NG0001",
        "Network class must be partial",
        "The class '{0}' declares a network but is not partial; add the 'partial' modifier so NetGen can generate its members");

    public static readonly DiagnosticDescriptor NoLayers = Error("NG0002",
        "Network has no layers",
        "The network '{0}' has no [Dense] layer; declare at least one, for example [Dense(1, Activation.Sigmoid)]");

    public static readonly DiagnosticDescriptor InvalidInputs = Error("NG0003",
        "Network inputs must be positive",
        "The network '{0}' has {1}, but every input needs a positive number of values; {2}");

    public static readonly DiagnosticDescriptor InvalidLayerSize = Error("NG0004",
        "Layer size must be positive",
        "The layer '{0}' of '{1}' has size {2}; a layer needs at least one neuron");

    public static readonly DiagnosticDescriptor SoftmaxOnHiddenLayer = Error("NG0005",
        "Softmax is allowed only on an output layer",
        "The layer '{0}' of '{1}' uses Softmax, which is allowed only on an output layer that no other layer reads; use another activation for a layer that others read or that is not an output");

    public static readonly DiagnosticDescriptor LossNeedsActivation = Error("NG0006",
        "Loss needs another output activation",
        "The output '{1}' of '{0}' uses Loss.{3}, which needs a {4} layer, but the layer '{1}' uses {2}; make that layer {4} or give the output another loss, such as Loss.SquaredError");

    public static readonly DiagnosticDescriptor UndefinedActivation = Error("NG0007",
        "Unknown activation",
        "The layer '{0}' of '{1}' has activation value {2}, which is not a member of NetGen.Activation");

    public static readonly DiagnosticDescriptor UndefinedLoss = Error("NG0008",
        "Unknown loss",
        "The network '{0}' has loss value {1}, which is not a member of NetGen.Loss");

    public static readonly DiagnosticDescriptor UndefinedPrecision = Error("NG0009",
        "Unknown precision",
        "The network '{0}' has precision value {1}, which is not a member of NetGen.Precision");

    public static readonly DiagnosticDescriptor LayersInSeveralDeclarations = Error("NG0010",
        "Layers are spread over several partial declarations",
        "The layers of '{0}' are declared on more than one partial declaration, so their order is not defined; put every [Input], [Dense], [Add] and [Output] on the declaration that has [Network]");

    public static readonly DiagnosticDescriptor MemberNameConflict = Error("NG0011",
        "Member name is reserved for generated code",
        "The class '{0}' already declares '{1}', a member NetGen generates for the network; rename or remove it");

    public static readonly DiagnosticDescriptor GenericClass = Error("NG0012",
        "Generic network classes are not supported",
        "The class '{0}' is generic; declare the network on a non-generic class");

    public static readonly DiagnosticDescriptor NestedClass = Error("NG0013",
        "Nested network classes are not supported",
        "The class '{0}' is nested in another type; declare the network on a top-level class");

    public static readonly DiagnosticDescriptor NetworkTooLarge = Error("NG0014",
        "Network too large",
        "The network '{0}' has {1} parameters, more than the {2} NetGen supports; its largest layer, '{3}', has {4}; use fewer or narrower layers");

    public static readonly DiagnosticDescriptor StaticClass = Error("NG0015",
        "Network class must not be static",
        "The class '{0}' is static, but a network is an object with its own parameters; remove the 'static' modifier");

    public static readonly DiagnosticDescriptor NotAClass = Error("NG0016",
        "Network must be a class",
        "The type '{0}' is a record; declare the network on a partial class");

    public static readonly DiagnosticDescriptor UnknownSource = Error("NG0017",
        "Unknown source",
        "'{0}' of '{1}' reads '{2}', which is not an input or a layer of the network; name an input or an earlier layer");

    public static readonly DiagnosticDescriptor ForwardReference = Error("NG0018",
        "Source declared later",
        "'{0}' of '{1}' reads '{2}', which is declared at or after it; a layer can read only inputs and earlier layers, so the network has no cycle");

    public static readonly DiagnosticDescriptor AddSizeMismatch = Error("NG0019",
        "Added layers differ in shape",
        "'{0}' of '{1}' adds '{2}' of shape {3} to '{4}' of shape {5}; an element-wise sum needs sources of one shape");

    public static readonly DiagnosticDescriptor UnreachableLayer = new("NG0020",
        "Layer reaches no output",
        "'{0}' of '{1}' reaches no output, so it does not change the cost and its parameters never learn; read it from a later layer or declare it an [Output]",
        Category, DiagnosticSeverity.Warning, isEnabledByDefault: true, helpLinkUri: HelpLinkBase + "NG0020.md");

    public static readonly DiagnosticDescriptor OutputWithoutLoss = Error("NG0021",
        "Output without a loss",
        "The output '{0}' of '{1}' has no loss; give one, for example [Output(\"{0}\", Loss.SquaredError)], or set Loss on [Network]");

    public static readonly DiagnosticDescriptor DuplicateName = Error("NG0022",
        "Name used twice",
        "The name '{0}' is used twice in '{1}'; give every input and layer its own name");

    public static readonly DiagnosticDescriptor InvalidOutputWeight = Error("NG0023",
        "Output weight must be positive",
        "The output '{0}' of '{1}' has weight {2}; an output's weight in the total cost must be positive and finite in the network's precision ({3})");

    public static readonly DiagnosticDescriptor InputsDeclaredTwice = Error("NG0024",
        "Inputs declared twice",
        "The network '{0}' sets Inputs and also declares [Input] attributes; with [Input] attributes leave Inputs unset");

    public static readonly DiagnosticDescriptor DuplicateOutput = Error("NG0025",
        "Output declared twice",
        "The layer '{0}' of '{1}' is declared an [Output] more than once; declare each output once, with one loss and one weight");

    public static readonly DiagnosticDescriptor EmptyName = Error("NG0026",
        "Name must not be empty",
        "{0} of '{1}' has a name that is null, empty or only white space; give every input, layer and source a name");

    public static readonly DiagnosticDescriptor TooManyValues = Error("NG0027",
        "Network has too many values",
        "The network '{0}' has {1} values in {2}, more than the {3} NetGen supports; use fewer or narrower inputs and layers");

    public static readonly DiagnosticDescriptor ClassNamedLikeMember = Error("NG0028",
        "Class name is a generated member's name",
        "The class '{0}' has the name of a member NetGen generates into it (a member cannot have the name of its class); rename the class");

    public static readonly DiagnosticDescriptor InheritedMemberConflict = Error("NG0029",
        "Network class inherits a generated member",
        "The class '{0}' inherits '{1}' from '{2}', and NetGen generates a member of that name, which would hide it; declare the network on a class that does not derive from a network or from a type with that member");

    public static readonly DiagnosticDescriptor FileLocalClass = Error("NG0030",
        "Network class must not be file-local",
        "The class '{0}' is file-local, so the members NetGen generates in another file could not belong to it; remove the 'file' modifier");

    public static readonly DiagnosticDescriptor OutputIsAnInput = Error("NG0031",
        "Output names an input",
        "The output '{0}' of '{1}' names an input, but an output must be a layer; add a layer that reads it, for example [Dense(n, Activation.Identity, From = new[] {{ \"{0}\" }})], and make that the output");

    public static readonly DiagnosticDescriptor KernelLargerThanInput = Error("NG0032",
        "Kernel or window larger than the input",
        "'{0}' of '{1}' slides a {2} {3} over a {4} image with padding {5}, which leaves no position for it (the output would be {6}); use a smaller kernel or window, more padding, or a larger input");

    public static readonly DiagnosticDescriptor InvalidGeometry = Error("NG0033",
        "Kernel, window and stride must be positive",
        "'{0}' of '{1}' has {2} = {3}; a kernel, a window and a stride are each at least 1");

    public static readonly DiagnosticDescriptor NegativePadding = Error("NG0034",
        "Padding must not be negative",
        "'{0}' of '{1}' has Padding = {2}; the zeros added on every side of the image are 0 or more");

    public static readonly DiagnosticDescriptor ReadsAVector = Error("NG0035",
        "Convolution or pooling reads a vector",
        "'{0}' of '{1}' reads '{2}', a vector of {3} values, but a convolution or a pool reads images; read an [Input(name, channels, height, width)] or an earlier convolution or pool");

    public static readonly DiagnosticDescriptor ImageSizesDiffer = Error("NG0036",
        "Concatenated images differ in height or width",
        "'{0}' of '{1}' reads '{2}' of shape {3} and '{4}' of shape {5}; images read together are stacked along channels and need one height and width");

    public static readonly DiagnosticDescriptor PoolReadsSeveral = Error("NG0037",
        "Pooling reads one source",
        "'{0}' of '{1}' reads {2} sources; a pool reads one image (sum or concatenate them in an earlier layer)");

    /// <summary>Every descriptor, in ID order.</summary>
    public static IReadOnlyList<DiagnosticDescriptor> All { get; } = typeof(DiagnosticDescriptors)
        .GetFields()
        .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
        .Select(f => (DiagnosticDescriptor)f.GetValue(null)!)
        .OrderBy(d => d.Id, System.StringComparer.Ordinal)
        .ToArray();

    private static readonly Dictionary<string, DiagnosticDescriptor> s_byId = All.ToDictionary(d => d.Id);

    public static DiagnosticDescriptor ById(string id) => s_byId[id];

    private static DiagnosticDescriptor Error(string id, string title, string message) =>
        new(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpLinkBase + id + ".md");
}
