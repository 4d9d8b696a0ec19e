using System.Collections.Generic;
using System.Linq;
using NetGen.Generator.Text;

namespace NetGen.Generator.Planning;

/// <summary>
/// The name of every member the emitter writes into a network class — the one source of truth: the emitter spells each
/// member through these constants and methods, and the checks for members of the user's with the same name (NG0011),
/// a class named like one (NG0028) and inherited members they would hide (NG0029) read the same table.
/// </summary>
internal static class GeneratedMembers
{
    // The public surface.
    public const string InputCount = nameof(InputCount);
    public const string OutputCount = nameof(OutputCount);
    public const string ParameterCount = nameof(ParameterCount);
    public const string Spec = nameof(Spec);
    public const string Parameters = nameof(Parameters);
    public const string InitializeParameters = nameof(InitializeParameters);
    public const string Forward = nameof(Forward);
    public const string ForwardBatch = nameof(ForwardBatch);
    public const string Backward = nameof(Backward);
    public const string Step = nameof(Step);
    public const string TrainBatch = nameof(TrainBatch);
    public const string ParallelBatchThreshold = nameof(ParallelBatchThreshold);
    public const string MaxDegreeOfParallelism = nameof(MaxDegreeOfParallelism);
    public const string Explain = nameof(Explain);

    // The private state and helpers.
    public const string ParameterArray = "_parameters";
    public const string Exclusive = "_exclusive";
    public const string Scratch = "_scratch";
    public const string RowsWorker = "_rowsWorker";
    public const string NewParameters = nameof(NewParameters);
    public const string ForwardCore = nameof(ForwardCore);
    public const string ForwardRow = nameof(ForwardRow);
    public const string ForwardLanes = nameof(ForwardLanes);
    public const string Accumulate = nameof(Accumulate);
    public const string AccumulateCore = nameof(AccumulateCore);
    public const string AccumulateWorker = nameof(AccumulateWorker);
    public const string AccumulateRows = nameof(AccumulateRows);
    public const string AccumulateLanes = nameof(AccumulateLanes);
    public const string SumBatch = nameof(SumBatch);

    /// <summary>Appended to a per-layer method's name for its lane form.</summary>
    public const string LanesSuffix = "Lanes";

    /// <summary>The members a derived class could see: those that would hide an inherited member of the same name.</summary>
    public static IReadOnlyList<string> Accessible { get; } =
    [
        InputCount, OutputCount, ParameterCount, Spec, Parameters, InitializeParameters, Forward, ForwardBatch, Backward, Step, TrainBatch,
        ParallelBatchThreshold, MaxDegreeOfParallelism, Explain,
    ];

    public static string ForwardLayer(int layer) => "ForwardLayer" + NumberText.Int(layer);

    public static string BackwardLayer(int layer) => "BackwardLayer" + NumberText.Int(layer);

    /// <summary>The cost method of an output: OutputCost when the network has one output, else OutputCost{layer}.</summary>
    public static string OutputCost(int layer, bool severalOutputs) => "OutputCost" + (severalOutputs ? NumberText.Int(layer) : "");

    /// <summary>Every member name the emitter writes for <paramref name="plan"/>, exactly.</summary>
    public static IEnumerable<string> Of(NetworkPlan plan)
    {
        var names = new List<string>(Accessible)
        {
            ParameterArray, Exclusive, Scratch, RowsWorker, NewParameters, Accumulate, AccumulateWorker, AccumulateRows, SumBatch, ForwardRow,
        };
        if (!plan.IsSingleInputOutput) names.AddRange([ForwardCore, AccumulateCore]);
        var suffixes = new List<string> { "" };
        if (plan.UsesLanes)
        {
            names.AddRange([AccumulateLanes, ForwardLanes]);
            suffixes.Add(LanesSuffix);
        }
        foreach (string suffix in suffixes)
        {
            names.AddRange(plan.Layers.Select(l => l.ForwardMethod + suffix));
            names.AddRange(plan.Layers.Where(l => l.HasBackward).Select(l => l.BackwardMethod + suffix));
            names.AddRange(plan.Outputs.Select(o => o.CostMethod + suffix));
        }
        return names;
    }
}
