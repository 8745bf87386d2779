/** A panel with a dense table: header cells from `columns` (hidden ones for screen readers only). */
export function DataTable({
  columns,
  children,
}: {
  columns: { label: string; hidden?: boolean }[];
  children: React.ReactNode;
}) {
  return (
    <section className="panel relative overflow-x-auto p-0">
      <table className="data-table">
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column.label} scope="col">
                {column.hidden ? <span className="sr-only">{column.label}</span> : column.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </section>
  );
}
