export default function Home() {
  return <main>dockwright stack fixture</main>;
}
