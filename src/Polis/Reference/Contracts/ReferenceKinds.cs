namespace Polis.Reference.Contracts;

/// <summary>Whether a state is a participating State or a Partner for Co-operation.</summary>
public enum StateKind { ParticipatingState, MediterraneanPartner, AsianPartner }

/// <summary>The kinds of executive structure.</summary>
public enum ExecutiveStructureKind { SecretariatUnit, Institution, FieldOperation, TrainingInstitution }

/// <summary>A code with its name in the reader's language, for pick lists and facets.</summary>
public sealed record ReferenceOption(string Code, string Name);
