// Labelled form fields shared by the apps' forms: the label tied to its control, the value kept by the caller, and a
// problem with the field announced beside it.
import type { InputHTMLAttributes, ReactNode } from 'react';

type InputProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'value' | 'onChange'>;

interface FieldProps {
  id: string;
  label: ReactNode;
  value: string;
  onChange: (value: string) => void;
  /** What is wrong with the value, shown under it and read with it. */
  problem?: string | null;
}

function problemProps(id: string, problem: string | null | undefined) {
  return problem ? { 'aria-invalid': true, 'aria-describedby': `${id}-problem` } : {};
}

function FieldProblem({ id, problem }: { id: string; problem: string | null | undefined }) {
  return problem ? (
    <p id={`${id}-problem`} className="error">
      {problem}
    </p>
  ) : null;
}

/** A label and an input; the input's other attributes (type, autoComplete, required…) pass through. */
export function TextField({ id, label, value, onChange, problem, ...input }: FieldProps & InputProps) {
  return (
    <>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        {...problemProps(id, problem)}
        {...input}
      />
      <FieldProblem id={id} problem={problem} />
    </>
  );
}

/** A label and a text area in a `.field` block. */
export function TextAreaField({
  id,
  label,
  value,
  onChange,
  problem,
  rows = 3,
  maxLength,
}: FieldProps & { rows?: number; maxLength: number }) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <textarea
        id={id}
        rows={rows}
        maxLength={maxLength}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        {...problemProps(id, problem)}
      />
      <FieldProblem id={id} problem={problem} />
    </div>
  );
}

/** A form's own complaint before anything is sent (a required choice not made), announced at once. */
export function FormHint({ hint }: { hint: string | null }) {
  return hint ? (
    <p className="error" role="alert">
      {hint}
    </p>
  ) : null;
}
