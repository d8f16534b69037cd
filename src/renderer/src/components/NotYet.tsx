/** A section whose feature has not landed yet says so plainly instead of pretending. */
export function NotYet({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section className="not-yet">
      <h2>{title}</h2>
      <p>{children}</p>
    </section>
  );
}
