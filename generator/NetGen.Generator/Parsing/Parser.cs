using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using NetGen.Generator.Diagnostics;
using NetGen.Generator.Model;

namespace NetGen.Generator.Parsing;

/// <summary>Stage 1: reads the symbols of one [Network] class into a <see cref="NetworkModel"/> and the declaration errors it can see there.</summary>
internal static class Parser
{
    public const string NetworkAttributeName = "NetGen.NetworkAttribute";
    public const string DenseAttributeName = "NetGen.DenseAttribute";
    public const string AddAttributeName = "NetGen.AddAttribute";
    public const string InputAttributeName = "NetGen.InputAttribute";
    public const string OutputAttributeName = "NetGen.OutputAttribute";

    /// <summary>The names of the members the emitter writes into the class; a user member with one of them is an error (NG0011).</summary>
    public static readonly IReadOnlyCollection<string> GeneratedMemberNames = new HashSet<string>
    {
        "InputCount", "OutputCount", "ParameterCount", "Parameters", "Spec", "InitializeParameters",
        "Forward", "Backward", "Step", "TrainBatch", "_parameters", "Accumulate", "OutputCost",
        "ParallelBatchThreshold", "MaxDegreeOfParallelism", "_scratch", "_accumulateWorker", "AccumulateWorker",
        "AccumulateRows", "AccumulateLanes", "OutputCostLanes",
        "NewParameters", "Explain", "ForwardCore", "AccumulateCore",
    };

    /// <summary>True for a name the emitter writes: one of <see cref="GeneratedMemberNames"/>, or a per-layer method
    /// (ForwardLayer1, BackwardLayer2, ...), whatever the number of layers, so that the rule does not depend on the layer count.</summary>
    public static bool IsGeneratedMemberName(string name) =>
        GeneratedMemberNames.Contains(name) || IsLayerMethodName(name, "ForwardLayer") || IsLayerMethodName(name, "BackwardLayer")
        || (name.EndsWith("Lanes", System.StringComparison.Ordinal) && IsGeneratedMemberName(name.Substring(0, name.Length - "Lanes".Length)));

    private static bool IsLayerMethodName(string name, string prefix) =>
        name.Length > prefix.Length && name.StartsWith(prefix, System.StringComparison.Ordinal) && name.Skip(prefix.Length).All(c => c is >= '0' and <= '9');

    public static ParseResult Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        var diagnostics = new List<DiagnosticInfo>();
        var type = (INamedTypeSymbol)context.TargetSymbol;
        var declaration = (TypeDeclarationSyntax)context.TargetNode; // a class or a record (NG0016)
        string name = type.Name;
        LocationInfo? classLocation = LocationInfo.From(declaration.Identifier.GetLocation());
        AttributeData network = context.Attributes[0];
        LocationInfo? networkLocation = LocationInfo.From(network.ApplicationSyntaxReference?.GetSyntax(cancellationToken)) ?? classLocation;

        foreach (SyntaxReference reference in type.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(cancellationToken) is TypeDeclarationSyntax part && !part.Modifiers.Any(SyntaxKind.PartialKeyword))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ClassNotPartial, LocationInfo.From(part.Identifier.GetLocation()), name));
                break;
            }
        }
        if (type.IsRecord)
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NotAClass, classLocation, name));
        if (type.IsStatic)
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.StaticClass, classLocation, name));
        if (type.ContainingType is not null)
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NestedClass, classLocation, name));
        if (type.TypeParameters.Length > 0)
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.GenericClass, classLocation, name));

        int inputs = 0;
        bool inputsGiven = false, lossGiven = false;
        var loss = LossKind.SquaredError;
        var precision = PrecisionKind.Single;
        foreach (KeyValuePair<string, TypedConstant> argument in network.NamedArguments)
        {
            if (argument.Value.Value is not int value) continue;
            switch (argument.Key)
            {
                case "Inputs":
                    (inputs, inputsGiven) = (value, true);
                    break;
                case "Loss" when value is >= (int)LossKind.SquaredError and <= (int)LossKind.CrossEntropy:
                    (loss, lossGiven) = ((LossKind)value, true);
                    break;
                case "Loss":
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UndefinedLoss, networkLocation, name, value));
                    break;
                case "Precision" when value is >= (int)PrecisionKind.Single and <= (int)PrecisionKind.Double:
                    precision = (PrecisionKind)value;
                    break;
                case "Precision":
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UndefinedPrecision, networkLocation, name, value));
                    break;
            }
        }

        // The graph, in declaration order: inputs, layers (Dense and Add) and outputs. Names are resolved by the validator.
        var declaredInputs = new List<InputModel>();
        var layers = new List<LayerModel>();
        var outputs = new List<OutputModel>();
        string? previous = null;
        foreach (AttributeData attribute in type.GetAttributes())
        {
            cancellationToken.ThrowIfCancellationRequested();
            string? attributeName = attribute.AttributeClass?.ToDisplayString();
            if (attributeName is not (DenseAttributeName or AddAttributeName or InputAttributeName or OutputAttributeName)) continue;
            SyntaxNode? syntax = attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken);
            LocationInfo? location = LocationInfo.From(syntax) ?? classLocation;
            if (syntax is null || syntax.SyntaxTree != declaration.SyntaxTree || !declaration.Span.Contains(syntax.Span))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.LayersInSeveralDeclarations, location, name));
                continue;
            }
            // An attribute with the wrong arguments is already a compiler error; it adds nothing to the graph.
            ImmutableArrayView args = new(attribute);
            switch (attributeName)
            {
                case InputAttributeName when args.String(0) is string inputName && args.Int(1) is int inputSize:
                    if (inputSize <= 0)
                        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidInputs, location, name, inputSize));
                    declaredInputs.Add(new InputModel(inputName, inputSize, location));
                    break;

                case DenseAttributeName when args.Int(0) is int size && args.Int(1) is int activation:
                {
                    int number = layers.Count + 1;
                    if (activation is < (int)ActivationKind.Identity or > (int)ActivationKind.Softmax)
                        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UndefinedActivation, location, number, name, activation));
                    string layerName = args.NamedString("Name") ?? "layer" + number.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    string[] sources = args.NamedStrings("From") ?? (previous is null ? DefaultFirstSource(declaredInputs) : new[] { previous });
                    layers.Add(new LayerModel(layerName, LayerKindModel.Dense, size, (ActivationKind)activation, sources.ToEquatableArray(), location));
                    previous = layerName;
                    break;
                }

                case AddAttributeName when args.String(0) is string sumName && args.Strings(1) is string[] addends:
                    layers.Add(new LayerModel(sumName, LayerKindModel.Add, 0, ActivationKind.Identity, addends.ToEquatableArray(), location));
                    previous = sumName;
                    break;

                case OutputAttributeName when args.String(0) is string source:
                {
                    int? lossValue = args.Int(1) ?? args.NamedInt("Loss");
                    LossKind? outputLoss = null;
                    if (lossValue is >= (int)LossKind.SquaredError and <= (int)LossKind.CrossEntropy) outputLoss = (LossKind)lossValue.Value;
                    else if (lossValue is int undefined) diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UndefinedLoss, location, name, undefined));
                    outputs.Add(new OutputModel(source, outputLoss, args.NamedDouble("Weight") ?? 1.0, location));
                    break;
                }
            }
        }

        List<InputModel> networkInputs;
        if (declaredInputs.Count == 0)
        {
            if (inputs <= 0)
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidInputs, networkLocation, name, inputs));
            networkInputs = new List<InputModel> { new("input", inputs, networkLocation) };
            // Layers that defaulted to "the input" before the input list was known.
        }
        else
        {
            if (inputsGiven)
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InputsDeclaredTwice, networkLocation, name));
            networkInputs = declaredInputs;
        }
        if (outputs.Count == 0 && layers.Count > 0)
            outputs.Add(new OutputModel(layers[layers.Count - 1].Name, loss, 1.0, networkLocation));
        else if (lossGiven && outputs.Count > 0)
        {
            // Network.Loss stands for outputs declared without a loss.
            for (int o = 0; o < outputs.Count; o++)
                if (outputs[o].Loss is null) outputs[o] = outputs[o] with { Loss = loss };
        }

        foreach (ISymbol member in type.GetMembers())
        {
            if (member.IsImplicitlyDeclared || !IsGeneratedMemberName(member.Name)) continue;
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MemberNameConflict,
                LocationInfo.From(member.Locations.FirstOrDefault()) ?? classLocation, name, member.Name));
        }

        string? ns = type.ContainingNamespace.IsGlobalNamespace ? null : type.ContainingNamespace.ToDisplayString();
        var model = new NetworkModel(
            ns,
            name,
            type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
            precision,
            networkInputs.ToEquatableArray(),
            layers.ToEquatableArray(),
            outputs.ToEquatableArray(),
            networkLocation);
        return new ParseResult(model, diagnostics.ToEquatableArray());
    }

    /// <summary>The first layer without From reads the input when there is one; with several it must say which (NG0017).</summary>
    private static string[] DefaultFirstSource(List<InputModel> declaredInputs) =>
        declaredInputs.Count switch
        {
            0 => new[] { "input" },
            1 => new[] { declaredInputs[0].Name },
            _ => System.Array.Empty<string>(),
        };

    /// <summary>Typed reads of an attribute's arguments that yield null where the compiler already reports an error.</summary>
    private readonly struct ImmutableArrayView(AttributeData attribute)
    {
        private TypedConstant? Argument(int index) =>
            index < attribute.ConstructorArguments.Length ? attribute.ConstructorArguments[index] : null;

        private TypedConstant? Named(string key)
        {
            foreach (KeyValuePair<string, TypedConstant> pair in attribute.NamedArguments)
                if (pair.Key == key) return pair.Value;
            return null;
        }

        public int? Int(int index) => Argument(index)?.Value as int?;
        public string? String(int index) => Argument(index)?.Value as string;
        public string[]? Strings(int index) => AsStrings(Argument(index));
        public int? NamedInt(string key) => Named(key)?.Value as int?;
        public double? NamedDouble(string key) => Named(key)?.Value as double?;
        public string? NamedString(string key) => Named(key)?.Value as string;
        public string[]? NamedStrings(string key) => AsStrings(Named(key));

        private static string[]? AsStrings(TypedConstant? constant)
        {
            if (constant is not { Kind: TypedConstantKind.Array } array || array.IsNull) return null;
            var values = new string[array.Values.Length];
            for (int i = 0; i < values.Length; i++)
            {
                if (array.Values[i].Value is not string value) return null;
                values[i] = value;
            }
            return values;
        }
    }
}
